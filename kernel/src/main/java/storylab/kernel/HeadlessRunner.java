package storylab.kernel;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import storylab.display.Display;
import storylab.display.Renderers;

/**
 * Runs a notebook (or a {@code .jsh} script) top to bottom without Jupyter: same evaluator, same
 * renderers. Writes a valid nbformat-4 notebook with every output (images embedded) and the figures as
 * files. A failing cell stops the run; the notebook so far is still written.
 */
final class HeadlessRunner {

    /** How a run ended: the notebook and figures written, and the failed cell if any. */
    record Result(Path notebook, List<Path> figures, int cellsRun, CellError failure, int failedCell) {
        boolean ok() {
            return failure == null;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream terminal;

    HeadlessRunner(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** The default output: {@code runs/NAME/NAME.ipynb} under the working folder. */
    static Path defaultOutput(Path input) {
        String name = input.getFileName().toString().replaceFirst("\\.(ipynb|jsh)$", "");
        return Path.of("runs", name, name + ".ipynb");
    }

    Result run(Path input, Path output) throws IOException {
        if (!Files.isRegularFile(input)) throw new IOException("no such notebook or script: " + input.toAbsolutePath());
        ObjectNode notebook = input.toString().endsWith(".jsh") ? fromScript(Files.readString(input, StandardCharsets.UTF_8)) : read(input);
        normalise(notebook);

        var sink = new NotebookSink(terminal);
        var router = new OutputRouter();
        var previous = Display.install(sink);
        router.install();
        int count = 0, failedCell = -1;
        CellError failure = null;
        var cells = (ArrayNode) notebook.get("cells");
        long codeCells = 0;
        for (JsonNode c : cells) if ("code".equals(c.path("cell_type").asText())) codeCells++;
        try (var session = new Session(new Evaluator())) {
            int index = 0;
            for (JsonNode node : cells) {
                var cell = (ObjectNode) node;
                if (!"code".equals(cell.path("cell_type").asText())) continue;
                index++;
                String code = source(cell);
                var outputs = cell.putArray("outputs");
                cell.putNull("execution_count");
                if (code.isBlank()) continue;
                int n = ++count;
                cell.put("execution_count", n);
                sink.startCell(outputs);
                router.route((stream, text) -> {
                    sink.stream(stream, text);
                    (stream.equals("stderr") ? router.originalErr() : terminal).print(text);
                });
                terminal.printf("[%d/%d] %s%n", index, codeCells, firstLine(code));
                long t0 = System.nanoTime();
                try {
                    var outcome = session.run(code);
                    router.flush();
                    if (outcome.page() != null) sink.stream("stdout", outcome.page() + "\n");
                    if (outcome.hasValue()) sink.result(n, Renderers.render(outcome.value()));
                } catch (Evaluator.CellFailure f) {
                    router.flush();
                    sink.error(f.error);
                    failure = f.error;
                    failedCell = index;
                } finally {
                    router.route(null);
                }
                terminal.printf("      %.1f s%n", (System.nanoTime() - t0) / 1e9);
                if (failure != null) break;
            }
        } finally {
            router.uninstall();
            Display.install(previous);
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        var figures = saveFigures(notebook, output);
        write(notebook, output);
        return new Result(output, figures, count, failure, failedCell);
    }

    private static ObjectNode read(Path input) throws IOException {
        JsonNode node;
        try {
            node = MAPPER.readTree(input.toFile());
        } catch (IOException e) {
            throw new IOException(input + " is not a notebook (not JSON: " + e.getMessage() + ")", e);
        }
        if (!(node instanceof ObjectNode nb) || !nb.path("cells").isArray() || nb.path("nbformat").asInt() != 4)
            throw new IOException(input + " is not an nbformat-4 notebook (no \"cells\" list or nbformat != 4)");
        return nb;
    }

    /** A script becomes a notebook: one cell per "// %%" section (Jupytext's percent format), or one cell. */
    static ObjectNode fromScript(String script) {
        var nb = MAPPER.createObjectNode();
        var cells = nb.putArray("cells");
        var current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (line.strip().startsWith("// %%")) {
                addCodeCell(cells, current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        addCodeCell(cells, current.toString());
        nb.putObject("metadata");
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        return nb;
    }

    private static void addCodeCell(ArrayNode cells, String code) {
        if (code.isBlank()) return;
        var cell = cells.addObject().put("cell_type", "code");
        cell.putObject("metadata");
        cell.put("source", code.strip());
        cell.putArray("outputs");
        cell.putNull("execution_count");
    }

    /** nbformat 4.5: every cell has an id; the kernelspec and language are StoryLab's. */
    private static void normalise(ObjectNode nb) {
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        var meta = nb.with("metadata");
        meta.putObject("kernelspec").put("name", KernelspecInstaller.NAME).put("display_name", KernelspecInstaller.DISPLAY_NAME).put("language", "java");
        meta.putObject("language_info").put("name", "java").put("version", Runtime.version().toString())
                .put("mimetype", "text/x-java-source").put("file_extension", ".jsh").put("codemirror_mode", "text/x-java");
        for (JsonNode c : nb.get("cells")) {
            var cell = (ObjectNode) c;
            if (!cell.hasNonNull("id")) cell.put("id", UUID.randomUUID().toString().substring(0, 8));
            if (!cell.has("metadata")) cell.putObject("metadata");
        }
    }

    static String source(JsonNode cell) {
        JsonNode src = cell.path("source");
        if (src.isArray()) {
            var sb = new StringBuilder();
            src.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return src.asText("");
    }

    /** Every image output, also as a file: FIGURES/cellN-K.png (or .svg) next to the output notebook. */
    private static List<Path> saveFigures(ObjectNode nb, Path output) throws IOException {
        Path dir = output.toAbsolutePath().getParent().resolve("figures");
        var saved = new ArrayList<Path>();
        int cellNo = 0;
        for (JsonNode cell : nb.get("cells")) {
            cellNo++;
            int k = 0;
            for (JsonNode out : cell.path("outputs")) {
                JsonNode data = out.path("data");
                if (data.has("image/png")) {
                    Files.createDirectories(dir);
                    Path f = dir.resolve("cell" + cellNo + "-" + (++k) + ".png");
                    Files.write(f, Base64.getMimeDecoder().decode(data.get("image/png").asText()));
                    saved.add(f);
                }
                if (data.has("image/svg+xml")) {
                    Files.createDirectories(dir);
                    Path f = dir.resolve("cell" + cellNo + "-" + (++k) + ".svg");
                    Files.writeString(f, data.get("image/svg+xml").asText());
                    saved.add(f);
                }
            }
        }
        return saved;
    }

    private static void write(ObjectNode nb, Path output) throws IOException {
        var printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter(" ", "\n"));
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        MAPPER.writer(printer).writeValue(tmp.toFile(), nb);
        Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String firstLine(String code) {
        String s = code.strip();
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() > 70 ? s.substring(0, 67) + "..." : s;
    }
}
