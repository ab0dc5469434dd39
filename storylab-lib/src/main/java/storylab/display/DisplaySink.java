package storylab.display;

import java.util.List;
import java.util.function.Function;

/**
 * Where the lab's output goes. The library only talks to this interface: the kernel installs one that
 * speaks the Jupyter protocol, the headless runner one that writes notebooks and a terminal progress bar,
 * tests a {@link RecordingSink}.
 */
public interface DisplaySink {

    /** Shows an object; returns an id that {@link #update} can later replace in place. */
    String display(MimeBundle bundle);

    /** Replaces what an earlier {@link #display} showed. */
    void update(String displayId, MimeBundle bundle);

    /** Clears the current cell's output; with {@code wait}, only once new output arrives (no flicker). */
    void clearOutput(boolean wait);

    /**
     * Asks the user a question and returns the answer.
     *
     * @throws IllegalStateException when this sink has nobody to ask (stdin not allowed by the front end)
     */
    String ask(String prompt, boolean password);

    /** Reports progress of a long task; sinks choose how (live display, terminal bar, nothing). */
    void progress(Progress progress);

    /**
     * Shows controls and runs {@code function} with their values, again each time one moves; what it returns
     * is shown below them. This default has nobody to move them: it runs once with the initial values.
     */
    default void interact(List<Control> controls, Function<Control.Values, ?> function) {
        Object result = function.apply(Control.Values.of(controls));
        if (result != null) display(Renderers.render(result));
    }
}
