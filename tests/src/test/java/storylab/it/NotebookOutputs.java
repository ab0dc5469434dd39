package storylab.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a notebook run must show, read from the executed notebook: no cell failed, every code cell ran, and each
 * cell's tags are kept — "figure" (an image), "table" (an HTML table), "finding" (Markdown computed from the
 * run), "solution" (collapsed with JupyterLab's {@code jupyter.source_hidden}, and its check printed "✓ ").
 * A notebook teaches with at least one exercise and shows at least one figure or table.
 */
final class NotebookOutputs {

    static final String PASSED = "✓ ";

    private NotebookOutputs() {}

    /** Every problem found; empty when the notebook shows what its tags promise. */
    static List<String> problems(Path executed) throws IOException {
        return problems(new ObjectMapper().readTree(executed.toFile()));
    }

    static List<String> problems(JsonNode nb) {
        var problems = new ArrayList<String>();
        int index = 0, solutions = 0, shown = 0;
        for (JsonNode cell : nb.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asText())) continue;
            index++;
            String source = text(cell.path("source"));
            String where = "code cell " + index + " (" + firstLine(source) + ")";
            var outputs = cell.path("outputs");
            if (!source.isBlank() && cell.path("execution_count").isNull()) problems.add(where + " did not run");
            for (JsonNode o : outputs)
                if ("error".equals(o.path("output_type").asText()))
                    problems.add(where + " failed: " + o.path("ename").asText() + ": " + o.path("evalue").asText());
            var tags = new ArrayList<String>();
            cell.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
            if (tags.contains("figure")) {
                shown++;
                if (!has(outputs, "image/png", "")) problems.add(where + " is tagged figure but shows no image");
            }
            if (tags.contains("table")) {
                shown++;
                if (!has(outputs, "text/html", "<table")) problems.add(where + " is tagged table but shows no HTML table");
            }
            if (tags.contains("finding") && !has(outputs, "text/markdown", ""))
                problems.add(where + " is tagged finding but shows no Markdown computed from the run");
            if (tags.contains("solution")) {
                solutions++;
                if (!cell.path("metadata").path("jupyter").path("source_hidden").asBoolean(false))
                    problems.add(where + " is a solution but is not collapsed (metadata.jupyter.source_hidden)");
                if (!streamContains(outputs, PASSED)) problems.add(where + " is a solution but its check did not print \"" + PASSED + "\"");
            }
        }
        if (solutions == 0) problems.add("no exercise: no code cell is tagged solution");
        if (shown == 0) problems.add("no code cell is tagged figure or table");
        return problems;
    }

    private static boolean has(JsonNode outputs, String mime, String needle) {
        for (JsonNode o : outputs) {
            var data = o.path("data").path(mime);
            if (!data.isMissingNode() && text(data).contains(needle)) return true;
        }
        return false;
    }

    private static boolean streamContains(JsonNode outputs, String needle) {
        for (JsonNode o : outputs) if ("stream".equals(o.path("output_type").asText()) && text(o.path("text")).contains(needle)) return true;
        return false;
    }

    /** nbformat stores multi-line strings as a string or a list of lines. */
    static String text(JsonNode node) {
        if (node.isArray()) {
            var sb = new StringBuilder();
            node.forEach(l -> sb.append(l.asText()));
            return sb.toString();
        }
        return node.asText();
    }

    private static String firstLine(String source) {
        String line = source.strip().split("\n", 2)[0];
        return line.length() > 60 ? line.substring(0, 57) + "…" : line;
    }
}
