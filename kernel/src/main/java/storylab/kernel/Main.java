package storylab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The {@code storylab} command line: {@code kernel}, {@code install}, {@code run}, {@code lab}.
 */
public final class Main {

    private static final String USAGE = """
            usage: storylab <command> [options]

              run NOTEBOOK.ipynb|SCRIPT.jsh [-o OUT.ipynb]   run headless; writes the notebook with outputs and figures
              install [--user | --prefix DIR]                install the "StoryLab (Java)" kernel for Jupyter
              reproduce [--scale test|workshop|paper] [--seeds N] [--out DIR] [--reuse-stale]
                        [--teacher offline|rubric|llm] [--corpus world|KIND:PATH] [--eval prompts|KIND:PATH]
                        [--emit slurm DIR | --collect DIR]
                                                             run every experiment of the papers per seed; figures,
                                                             tables, report with 95% CIs, summary.json
              run-spec SPEC                                  run one spec of reproduce --emit into its shared run store
              prepare-workshop DIR [--scale S] [--seeds N]   run the course's experiments once and pack them with a manifest
              unpack-workshop FILE [--into DIR]              put a prepare-workshop archive's runs where notebooks reuse them
              teacher-report [--teacher offline|rubric|llm]... [--corpus FILE]...
                                                             how far to trust each teacher: AUCs, real scores, agreement
              lab [JUPYTER-ARGS...]                          install the kernel for this user and open JupyterLab
              kernel CONNECTION_FILE                         start the kernel (Jupyter does this)
              version                                        print the version
            """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        if (args.length == 0) {
            System.out.print(USAGE);
            System.exit(2);
        }
        var rest = Arrays.asList(args).subList(1, args.length);
        int code = switch (args[0]) {
            case "kernel" -> kernel(rest);
            case "install" -> install(rest);
            case "run" -> run(rest);
            case "lab" -> lab(rest);
            case "reproduce" -> storylab.experiment.Reproduce.main(rest);
            case "run-spec" -> storylab.experiment.RunSpec.main(rest);
            case "prepare-workshop" -> storylab.experiment.WorkshopArchive.prepareMain(rest);
            case "unpack-workshop" -> storylab.experiment.WorkshopArchive.unpackMain(rest);
            case "teacher-report" -> storylab.teacher.TeacherReport.main(rest);
            case "warm-up" -> warmUp();
            case "version", "--version" -> {
                System.out.println("StoryLab " + StoryLabKernel.VERSION + " (Java " + Runtime.version() + ")");
                yield 0;
            }
            case "help", "--help", "-h" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("storylab: unknown command \"" + args[0] + "\"\n\n" + USAGE);
                yield 2;
            }
        };
        System.exit(code);
    }

    private static int kernel(List<String> args) throws Exception {
        if (args.size() != 1) {
            System.err.println("storylab kernel: expected one connection file, got " + args);
            return 2;
        }
        var props = KernelConnectionProperties.parse(Files.readString(Path.of(args.get(0))));
        // JShell needs about a second to start: the kernel answers kernel_info at once and warms up meanwhile.
        var session = CompletableFuture.supplyAsync(() -> {
            var evaluator = new Evaluator();
            evaluator.warmUp();
            return new Session(evaluator);
        });
        Log.info("kernel starting"); // Log keeps the real stderr: it must load before the kernel redirects System.err
        var kernel = new StoryLabKernel(session);
        var connection = new StoryLabConnection(props);
        kernel.serve(connection);
        connection.connect();
        connection.waitUntilClose();
        return 0;
    }

    /**
     * Loads what a kernel session loads (JShell's compiler, the renderers, the protocol classes) and
     * exits: the launcher runs this once after a build to write the JVM's class-data archive.
     */
    private static int warmUp() throws Exception {
        try (var session = new Session(new Evaluator())) {
            session.evaluator().warmUp();
            session.run("var t = Table.create(\"t\", IntColumn.create(\"n\", 1, 2));\nvar c = new XYChartBuilder().build();\nc.addSeries(\"s\", new double[] {1}, new double[] {1});");
            storylab.display.Renderers.render(session.run("t").value());
            storylab.display.Renderers.render(session.run("c").value());
            storylab.display.Renderers.render(new storylab.widgets.VBox(new storylab.widgets.IntSlider(), new storylab.widgets.Output()));
            session.evaluator().isComplete("int x = 1;");
            session.evaluator().complete("Math.ma", 7);
            session.evaluator().inspect("Math.max", 8, true);
            new StoryLabConnection(new KernelConnectionProperties("127.0.0.1", 0, 0, 0, 0, 0, "tcp", "hmac-sha256", "warm")).close();
        }
        return 0;
    }

    private static int install(List<String> args) throws Exception {
        Path kernels;
        if (args.isEmpty() || args.equals(List.of("--user"))) kernels = KernelspecInstaller.userKernelsDir();
        else if (args.size() == 2 && args.get(0).equals("--prefix")) kernels = KernelspecInstaller.prefixKernelsDir(Path.of(args.get(1)));
        else {
            System.err.println("storylab install: expected --user or --prefix DIR, got " + args);
            return 2;
        }
        Path dir = KernelspecInstaller.install(kernels, launcher());
        System.out.println("Installed kernelspec \"" + KernelspecInstaller.DISPLAY_NAME + "\" in " + dir);
        return 0;
    }

    private static int run(List<String> args) throws Exception {
        if (args.isEmpty() || args.size() == 2 || args.size() > 3 || (args.size() == 3 && !args.get(1).equals("-o"))) {
            System.err.println("storylab run: expected NOTEBOOK.ipynb|SCRIPT.jsh [-o OUT.ipynb], got " + args);
            return 2;
        }
        Path input = Path.of(args.get(0));
        Path output = args.size() == 3 ? Path.of(args.get(2)) : HeadlessRunner.defaultOutput(input);
        var terminal = System.out;
        var result = new HeadlessRunner(terminal).run(input, output);
        terminal.println("Wrote " + result.notebook() + (result.figures().isEmpty() ? "" : " and " + result.figures().size() + " figures in "
                + result.notebook().toAbsolutePath().getParent().resolve("figures")));
        if (!result.ok()) {
            System.err.println("\nCell " + result.failedCell() + " failed; the run stopped there (the notebook so far is saved):\n"
                    + result.failure().text());
            return 1;
        }
        return 0;
    }

    private static int lab(List<String> args) throws Exception {
        Path dir = KernelspecInstaller.install(KernelspecInstaller.userKernelsDir(), launcher());
        System.out.println("Installed kernelspec in " + dir + "; starting JupyterLab…");
        var cmd = new java.util.ArrayList<>(List.of("jupyter", "lab"));
        cmd.addAll(args);
        try {
            return new ProcessBuilder(cmd).inheritIO().directory(home().resolve("notebooks").toFile()).start().waitFor();
        } catch (java.io.IOException e) {
            System.err.println("storylab lab: cannot start \"jupyter lab\" (" + e.getMessage() + "). Install JupyterLab "
                    + "(Debian: apt-get install jupyter-notebook, or pip install jupyterlab), then run again.");
            return 1;
        }
    }

    /** The StoryLab folder: set by the launcher; else the working folder. */
    static Path home() {
        String home = System.getProperty("storylab.home");
        return Path.of(home != null ? home : "").toAbsolutePath();
    }

    private static Path launcher() {
        Path script = home().resolve("storylab");
        if (!Files.isExecutable(script))
            throw new IllegalStateException("cannot find the storylab launcher at " + script + "; run install through ./storylab");
        return script;
    }
}
