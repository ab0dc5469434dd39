package storylab.display;

import java.util.Objects;

/**
 * The lab's entry point to output: {@code Display.show(chart)}, {@code Display.update(id, chart)},
 * {@code Display.ask("score? ")}. Objects become MIME bundles through {@link Renderers}; the bundles go to
 * the installed {@link DisplaySink} (the console when none is installed).
 */
public final class Display {

    private static volatile DisplaySink sink = new ConsoleSink(System.out);

    private Display() {}

    /** Installs a sink and returns the previous one, so callers can restore it. */
    public static DisplaySink install(DisplaySink newSink) {
        DisplaySink old = sink;
        sink = Objects.requireNonNull(newSink, "sink");
        return old;
    }

    public static DisplaySink sink() {
        return sink;
    }

    /** Shows an object and returns its display id. */
    public static String show(Object obj) {
        return sink.display(Renderers.render(obj));
    }

    /** Replaces the display {@code id} with a new object, in place. */
    public static void update(String id, Object obj) {
        sink.update(id, Renderers.render(obj));
    }

    public static void clear() {
        sink.clearOutput(true);
    }

    public static String ask(String prompt) {
        return sink.ask(prompt, false);
    }

    public static void progress(Progress progress) {
        sink.progress(progress);
    }

    /** A display that refreshes at most once per {@code minIntervalMillis}, for dashboards of long runs. */
    public static LiveDisplay live(long minIntervalMillis) {
        return new LiveDisplay(minIntervalMillis);
    }
}
