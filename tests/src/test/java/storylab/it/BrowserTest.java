package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser: Jupyter Notebook (Debian's jupyter-notebook) serves the quick start, headless Chromium
 * runs all its cells on the StoryLab kernel, and tests/browser/quickstart.mjs checks what appears, moves
 * the temperature slider (Debian's jupyter-js-widgets extension draws it) until the kernel samples again,
 * and opens the pager. The screenshots are kept in tests/target/browser/.
 */
class BrowserTest {

    @TempDir
    static Path prefix;

    @Test
    void quickstartRunsInARealBrowserWithAWidgetAndThePager() throws Exception {
        Path browserDir = Repo.root().resolve("tests").resolve("browser");
        boolean ready = Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                && Files.isDirectory(browserDir.resolve("node_modules").resolve("playwright-core"))
                && Repo.run(List.of("jupyter", "notebook", "--version"), Repo.root(), Map.of(), 60).code() == 0
                && Repo.run(List.of("node", "--version"), Repo.root(), Map.of(), 60).code() == 0;
        if (!ready)
            System.err.println("\n*** SKIPPED the real-browser test: it needs /usr/bin/chromium, Jupyter Notebook, Node.js and "
                    + "`npm ci --prefix tests/browser` (apt-get install chromium jupyter-notebook nodejs npm; .ci/run does all this) ***\n");
        assumeTrue(ready, "chromium, jupyter notebook, node or playwright-core missing");
        Path jupyterPath = Repo.installKernel(prefix);
        Path out = Repo.root().resolve("tests").resolve("target").resolve("browser");
        var r = Repo.run(List.of("node", "quickstart.mjs", "--jupyter-path", jupyterPath.toString(), "--out", out.toString()),
                browserDir, Map.of(), 600);
        System.out.println(r.output());
        assertEquals(0, r.code(), r.output());
    }
}
