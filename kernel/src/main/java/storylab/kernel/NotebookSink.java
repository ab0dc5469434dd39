package storylab.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import storylab.display.ConsoleSink;
import storylab.display.DisplaySink;
import storylab.display.MimeBundle;
import storylab.display.Progress;

/**
 * The display sink of the headless runner: outputs become nbformat-4 output objects of the current cell
 * (display ids updated in place, as nbclient does), progress also goes to the terminal.
 */
final class NotebookSink implements DisplaySink {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PrintStream terminal;
    private ArrayNode outputs = JSON.arrayNode();
    private final Map<String, List<ObjectNode>> byDisplayId = new HashMap<>();
    private final Map<String, String> progressIds = new HashMap<>();
    private final Map<String, Long> progressShown = new HashMap<>();
    private boolean clearPending;

    NotebookSink(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Starts collecting the outputs of a new cell. */
    synchronized void startCell(ArrayNode cellOutputs) {
        outputs = cellOutputs;
        clearPending = false;
        progressIds.clear();
        progressShown.clear();
    }

    @Override
    public synchronized String display(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        var out = output("display_data", bundle);
        byDisplayId.computeIfAbsent(id, k -> new ArrayList<>()).add(out);
        add(out);
        return id;
    }

    @Override
    public synchronized void update(String displayId, MimeBundle bundle) {
        for (ObjectNode out : byDisplayId.getOrDefault(displayId, List.of())) out.set("data", data(bundle));
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (wait) clearPending = true;
        else outputs.removeAll();
    }

    @Override
    public String ask(String prompt, boolean password) {
        if (System.console() == null)
            throw new IllegalStateException("no one to ask \"" + prompt.strip() + "\": this headless run has no terminal; "
                    + "run it from a terminal, or open the notebook in JupyterLab");
        return new ConsoleSink(terminal).ask(prompt, password);
    }

    @Override
    public synchronized void progress(Progress p) {
        long now = System.nanoTime();
        Long last = progressShown.get(p.task());
        if (last != null && now - last < 1_000_000_000L && !p.finished()) return;
        progressShown.put(p.task(), now);
        terminal.println("  " + p.bar(30));
        String id = progressIds.get(p.task());
        if (id == null) progressIds.put(p.task(), display(p.toMimeBundle()));
        else update(id, p.toMimeBundle());
    }

    /** Appends printed text, merged with the previous output when it is the same stream (as nbclient does). */
    synchronized void stream(String name, String text) {
        if (!outputs.isEmpty()) {
            var last = (ObjectNode) outputs.get(outputs.size() - 1);
            if ("stream".equals(last.path("output_type").asText()) && name.equals(last.path("name").asText())) {
                last.put("text", last.path("text").asText() + text);
                return;
            }
        }
        add(JSON.objectNode().put("output_type", "stream").put("name", name).put("text", text));
    }

    synchronized void result(int count, MimeBundle bundle) {
        var out = output("execute_result", bundle);
        out.put("execution_count", count);
        add(out);
    }

    synchronized void error(CellError e) {
        var out = JSON.objectNode().put("output_type", "error").put("ename", e.ename()).put("evalue", e.evalue());
        var tb = out.putArray("traceback");
        e.traceback().forEach(tb::add);
        add(out);
    }

    private void add(ObjectNode out) {
        if (clearPending) {
            outputs.removeAll();
            clearPending = false;
        }
        outputs.add(out);
    }

    private static ObjectNode output(String type, MimeBundle bundle) {
        var out = JSON.objectNode().put("output_type", type);
        out.set("data", data(bundle));
        out.putObject("metadata");
        return out;
    }

    private static ObjectNode data(MimeBundle bundle) {
        var data = JSON.objectNode();
        // A widget needs a live kernel to draw from; a headless notebook keeps its text form only.
        bundle.data().forEach((mime, value) -> { if (!mime.equals("application/vnd.jupyter.widget-view+json")) data.put(mime, value); });
        return data;
    }
}
