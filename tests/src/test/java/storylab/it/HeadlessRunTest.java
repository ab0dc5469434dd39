package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./storylab run} as a user types it: the quick start yields a notebook nbformat accepts. */
class HeadlessRunTest {

    @TempDir
    Path out;

    @Test
    void quickstartRunsHeadlessIntoAValidNotebookWithFigures() throws Exception {
        Path nb = out.resolve("quickstart.ipynb");
        var r = Repo.run(List.of(Repo.root().resolve("storylab").toString(), "run", "notebooks/00-quickstart.ipynb", "-o", nb.toString()),
                Repo.root(), Map.of(), 600);
        assertEquals(0, r.code(), r.output());
        assertTrue(Files.isRegularFile(out.resolve("figures").resolve("cell4-1.png")) || Files.list(out.resolve("figures")).findAny().isPresent(),
                "figures were written");
        Repo.assumePythonModules("nbformat");
        var v = Repo.run(List.of(Repo.PYTHON, "-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')",
                nb.toString()), Repo.root(), Map.of(), 120);
        assertEquals(0, v.code(), v.output());
    }

    @Test
    void failingCellStopsTheRunWithNonZeroExitAndKeepsThePartialNotebook() throws Exception {
        Path script = out.resolve("broken.jsh");
        Files.writeString(script, """
                System.out.println("first cell ran");
                // %%
                int x = "not a number";
                // %%
                System.out.println("never runs");
                """);
        Path nb = out.resolve("broken.ipynb");
        var r = Repo.run(List.of(Repo.root().resolve("storylab").toString(), "run", script.toString(), "-o", nb.toString()),
                Repo.root(), Map.of(), 600);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("Cell 2 failed"), r.output());
        assertTrue(r.output().contains("incompatible types"), r.output());
        String written = Files.readString(nb);
        assertTrue(written.contains("first cell ran"), written);
        assertTrue(written.contains("\"output_type\" : \"error\""), written);
        assertTrue(!written.contains("never runs\\n\""), "the third cell must not run");
    }
}
