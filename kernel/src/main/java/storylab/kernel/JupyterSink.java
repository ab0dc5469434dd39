package storylab.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import storylab.display.Control;
import storylab.display.DisplaySink;
import storylab.display.MimeBundle;
import storylab.display.Progress;
import storylab.display.Renderers;
import storylab.widgets.Widgets;

/**
 * The library's display sink, spoken as Jupyter messages on the running cell's iopub: display_data with a
 * display_id, update_display_data, clear_output, and input_request on stdin. Progress becomes one HTML
 * bar per task, updated in place at most twice a second.
 */
final class JupyterSink implements DisplaySink {

    private volatile ShellReplyEnvironment env;
    private volatile boolean stdinAllowed;
    private final Map<String, String> progressDisplays = new HashMap<>();
    private final Map<String, Long> progressShown = new HashMap<>();

    /** Points the sink at the cell now running. */
    void attach(ShellReplyEnvironment env, boolean stdinAllowed) {
        this.env = env;
        this.stdinAllowed = stdinAllowed;
        synchronized (progressDisplays) {
            progressDisplays.clear();
            progressShown.clear();
        }
    }

    @Override
    public String display(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        publish(MessageType.PUBLISH_DISPLAY_DATA, content(bundle, id));
        return id;
    }

    @Override
    public void update(String displayId, MimeBundle bundle) {
        publish(MessageType.PUBLISH_UPDATE_DISPLAY_DATA, content(bundle, displayId));
    }

    @Override
    public void clearOutput(boolean wait) {
        publish(MessageType.PUBLISH_CLEAR_OUTPUT, Map.of("wait", wait));
    }

    @Override
    public String ask(String prompt, boolean password) {
        var e = env;
        if (e == null || !stdinAllowed)
            throw new IllegalStateException("this front end does not accept input (allow_stdin is false): run the cell from a notebook "
                    + "in JupyterLab or Notebook, or give the answer in code instead of asking for \"" + prompt.strip() + "\"");
        String answer = e.readFromStdIn(prompt, password);
        return answer.endsWith(System.lineSeparator()) ? answer.substring(0, answer.length() - System.lineSeparator().length()) : answer;
    }

    @Override
    public void progress(Progress p) {
        long now = System.nanoTime();
        String id;
        synchronized (progressDisplays) {
            Long last = progressShown.get(p.task());
            if (last != null && now - last < 500_000_000L && !p.finished()) return;
            progressShown.put(p.task(), now);
            id = progressDisplays.get(p.task());
            if (id == null) progressDisplays.put(p.task(), id = UUID.randomUUID().toString());
            else id = "update:" + id;
        }
        var bundle = p.toMimeBundle();
        if (id.startsWith("update:")) update(id.substring(7), bundle);
        else publish(MessageType.PUBLISH_DISPLAY_DATA, content(bundle, id));
    }

    /** Real widgets: sliders and the like above an output area the function's results replace. */
    @Override
    public void interact(List<Control> controls, Function<Control.Values, ?> function) {
        Widgets.interact(controls, function, box -> display(Renderers.render(box)));
    }

    static Map<String, Object> content(MimeBundle bundle, String displayId) {
        var c = new LinkedHashMap<String, Object>();
        c.put("data", Widgets.forWire(bundle.data()));
        c.put("metadata", Map.of());
        c.put("transient", Map.of("display_id", displayId));
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void publish(MessageType<?> type, Map<String, Object> content) {
        var e = env;
        if (e == null) return;
        System.out.flush(); // keep printed text and displays in the order the code made them
        e.publish(new Message(e.getContext(), type, content));
    }
}
