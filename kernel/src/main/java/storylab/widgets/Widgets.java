package storylab.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import storylab.display.Control;
import storylab.display.Display;

/**
 * The kernel's side of the widget protocol: the comm targets a front end opens, the widgets it can ask
 * for, and how a widget's display bundle is put on the wire.
 */
public final class Widgets {

    private static final Map<String, Widget> OPEN = new ConcurrentHashMap<>();

    private Widgets() {}

    /** Registers the widget comm targets; the kernel calls it once at start. */
    public static void install() {
        Protocol.use(Protocol.V2);
        // Only jupyter-js-widgets 2.x (ipywidgets 6) opens this: the front end wants our expected version.
        Comms.register("jupyter.widget.version", (comm, data, metadata) -> {
            Protocol.use(Protocol.V1);
            comm.send(Map.of("version", "~2.1.4"));
            return (c, reply) -> { };
        });
        // ipywidgets 8 asks for every widget at once when a page (re)loads.
        Comms.register("jupyter.widget.control", (comm, data, metadata) -> (c, msg) -> {
            if (!"request_states".equals(msg.get("method")))
                throw new IllegalArgumentException("jupyter.widget.control: unknown method \"" + msg.get("method") + "\"");
            var states = new LinkedHashMap<String, Object>();
            for (var w : OPEN.values()) {
                var state = w.fullState(Protocol.current());
                states.put(w.id(), Map.of("model_name", state.get("_model_name"), "model_module", state.get("_model_module"),
                        "model_module_version", state.get("_model_module_version"), "state", state));
            }
            c.send(Map.of("method", "update_states", "states", states, "buffer_paths", List.of()));
        });
        Comms.register("jupyter.widget", (comm, data, metadata) -> {
            throw new IllegalArgumentException("StoryLab makes widgets in the kernel; a front end cannot create one (" + data + ")");
        });
    }

    static void opened(String id, Widget w) {
        OPEN.put(id, w);
    }

    static void closed(Widget w) {
        OPEN.values().remove(w);
    }

    /**
     * A display bundle as a front end wants it: the widget view spec as a JSON object, not text. Protocol 1
     * front ends are told on the widget's comm to display it (and get no text/plain, which they would show
     * as well).
     */
    public static Map<String, Object> forWire(Map<String, String> data) {
        var out = new LinkedHashMap<String, Object>(data);
        String spec = data.get(Widget.VIEW_MIME);
        if (spec == null) return out;
        String id = spec.replaceAll(".*\"model_id\": \"([^\"]+)\".*", "$1");
        out.put(Widget.VIEW_MIME, Map.of("version_major", 2, "version_minor", 0, "model_id", id));
        if (Protocol.current() == Protocol.V1) {
            var w = OPEN.get(id);
            if (w != null) w.open().send(Map.of("method", "display"));
            out.remove("text/plain");
        }
        return out;
    }

    /**
     * {@code Lab.interact} in a notebook: a widget per control above an output area; {@code function} runs
     * once now and again each time a control moves, its printout and result replacing the last ones.
     * The controls report where they are let go, not every step of a drag.
     */
    public static VBox interact(List<Control> controls, Function<Control.Values, ?> function, Consumer<Widget> show) {
        var widgets = new ArrayList<Widget>();
        var reads = new ArrayList<java.util.function.Supplier<Object>>();
        var out = new Output();
        Runnable run = () -> out.capture(() -> {
            Display.clear();
            var values = new LinkedHashMap<String, Object>();
            for (int i = 0; i < controls.size(); i++) values.put(controls.get(i).name(), reads.get(i).get());
            try {
                Object result = function.apply(new Control.Values(values));
                if (result != null) Display.show(result);
            } catch (RuntimeException e) {
                System.err.println(e);
            }
        });
        for (Control c : controls) {
            if (c instanceof Control.IntRange r) {
                var s = new IntSlider().range(r.min(), r.max()).step(r.step()).value(r.value()).description(r.name()).continuousUpdate(false);
                s.onChange(v -> run.run());
                widgets.add(s);
                reads.add(s::value);
            } else if (c instanceof Control.NumberRange r) {
                var s = new FloatSlider().range(r.min(), r.max()).step(r.step()).value(r.value()).description(r.name()).continuousUpdate(false);
                s.onChange(v -> run.run());
                widgets.add(s);
                reads.add(s::value);
            } else if (c instanceof Control.Choice ch) {
                var d = new Dropdown(ch.options().toArray(String[]::new)).value(ch.value()).description(ch.name());
                d.onChange(v -> run.run());
                widgets.add(d);
                reads.add(d::value);
            } else if (c instanceof Control.Toggle t) {
                var b = new Checkbox().value(t.value()).description(t.name());
                b.onChange(v -> run.run());
                widgets.add(b);
                reads.add(b::value);
            } else if (c instanceof Control.TextBox t) {
                var x = new Text().value(t.value()).description(t.name()).continuousUpdate(false);
                x.onChange(v -> run.run());
                widgets.add(x);
                reads.add(x::value);
            }
        }
        widgets.add(out);
        var box = new VBox(widgets.toArray(Widget[]::new));
        show.accept(box);
        run.run();
        return box;
    }

    /** The widgets shown so far, by model id. */
    public static Map<String, Widget> open() {
        return Map.copyOf(OPEN);
    }
}
