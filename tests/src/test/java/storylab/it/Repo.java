package storylab.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where the repository is, and how integration tests run its launcher and Debian's Python tools. */
final class Repo {

    /** Debian's interpreter: the Jupyter test tools come from python3-* packages, not pip. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private Repo() {}

    /** The repository root: surefire runs in tests/, so it is the parent. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent())
            if (Files.isExecutable(p.resolve("storylab")) && Files.isDirectory(p.resolve("kernel"))) return p;
        throw new IllegalStateException("cannot find the StoryLab repository above " + here);
    }

    /** Skips (loudly) when a Python module the test needs is missing. .ci/run installs them all. */
    static void assumePythonModules(String... modules) throws Exception {
        var probe = new StringBuilder("import ");
        probe.append(String.join(", ", modules));
        var r = run(List.of(PYTHON, "-c", probe.toString()), root(), Map.of(), 60);
        if (r.code() != 0) {
            System.err.println("\n*** SKIPPED: Python modules " + List.of(modules) + " are missing (" + r.output().strip()
                    + "). Install: apt-get install python3-jupyter-client python3-jupyter-kernel-test python3-nbclient python3-nbformat python3-zmq ***\n");
        }
        assumeTrue(r.code() == 0, "Python modules missing: " + List.of(modules));
    }

    /** Installs the kernelspec into a fresh prefix and returns the JUPYTER_PATH that finds it. */
    static Path installKernel(Path tmp) throws Exception {
        var r = run(List.of(root().resolve("storylab").toString(), "install", "--prefix", tmp.toString()), root(), Map.of(), 600);
        if (r.code() != 0) throw new AssertionError("storylab install failed:\n" + r.output());
        return tmp.resolve("share").resolve("jupyter");
    }

    record Result(int code, String output) {}

    static Result run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("storylab-it", ".log");
        pb.redirectOutput(log.toFile());
        var p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(p.exitValue(), out);
    }
}
