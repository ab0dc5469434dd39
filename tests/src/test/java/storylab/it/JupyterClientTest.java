package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Jupyter clients against the installed kernel: Jupyter's own kernel tester, interrupts and
 * signatures through jupyter_client, and a notebook executed by nbclient. The Python sides live in
 * tests/python; each file's unittest output is shown when it fails.
 */
class JupyterClientTest {

    @TempDir
    static Path prefix;
    static Path jupyterPath;

    @BeforeAll
    static void install() throws Exception {
        Repo.assumePythonModules("jupyter_client", "jupyter_kernel_test", "nbclient", "nbformat", "zmq");
        jupyterPath = Repo.installKernel(prefix);
    }

    private static void unittest(String module) throws Exception {
        var r = Repo.run(List.of(Repo.PYTHON, "-m", "unittest", "-v", module), Repo.root().resolve("tests").resolve("python"),
                // A data folder of its own: the kernel's history file must not land in the user's.
                Map.of("JUPYTER_PATH", jupyterPath.toString(), "JUPYTER_DATA_DIR", prefix.resolve("data").toString(), "PYTHONDONTWRITEBYTECODE", "1"), 900);
        System.out.println(r.output());
        assertEquals(0, r.code(), module + " failed:\n" + r.output());
    }

    @Test
    void jupyterKernelTesterPassesEverySample() throws Exception {
        unittest("test_kernel_conformance");
    }

    @Test
    void interruptsStopCellsAndForgedMessagesAreDropped() throws Exception {
        unittest("test_interrupt_and_security");
    }

    @Test
    void stdinQuestionsAndInPlaceDisplaysWorkOverTheWire() throws Exception {
        unittest("test_stdin_and_display");
    }

    @Test
    void commsAndWidgetsRoundTripOverTheWire() throws Exception {
        unittest("test_widgets_and_comms");
    }

    @Test
    void documentationHistoryAndIsCompleteOverTheWire() throws Exception {
        unittest("test_docs_history_is_complete");
    }

    @Test
    void quickstartNotebookRunsThroughTheKernelWithNbclient() throws Exception {
        unittest("test_notebook_nbclient");
    }
}
