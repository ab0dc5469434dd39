package storylab.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import storylab.display.Displayable;
import storylab.display.MimeBundle;

/**
 * A Jupyter widget: a model whose state lives in the kernel and in the front end, kept in step over a comm
 * (widget message protocol 2.x; see {@link Protocol}). Subclasses are the ipywidgets models a front end
 * already knows how to draw. The comm opens when the widget is first shown, so a widget made in a
 * headless run never talks to anyone.
 */
public abstract class Widget implements Displayable {

    /** The front-end package a model lives in. */
    enum Module { BASE, CONTROLS, OUTPUT }

    static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";
    static final String REF = "IPY_MODEL_";

    private final String model;
    private final String view;
    private final Module module;
    private final Map<String, Object> state = new LinkedHashMap<>();
    private final Map<String, List<Runnable>> listeners = new LinkedHashMap<>();
    private volatile Comms.Comm comm;

    Widget(String model, String view, Module module) {
        this.model = model;
        this.view = view;
        this.module = module;
    }

    /** The model id the front end knows this widget by (opens the comm if needed). */
    public String id() {
        return open().id();
    }

    /** Front ends draw the widget from its model id; text/plain is for everything else. */
    @Override
    public MimeBundle toMimeBundle() {
        String json = "{\"version_major\": 2, \"version_minor\": 0, \"model_id\": \"" + id() + "\"}";
        return MimeBundle.text(toString()).with(VIEW_MIME, json);
    }

    @Override
    public String toString() {
        var shown = new ArrayList<String>();
        synchronized (this) {
            for (var e : state.entrySet())
                if (e.getValue() != null && !e.getKey().startsWith("_") && !(e.getValue() instanceof Widget) && !"layout".equals(e.getKey()) && !"style".equals(e.getKey()))
                    shown.add(e.getKey() + "=" + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()));
        }
        return getClass().getSimpleName() + "(" + String.join(", ", shown) + ")";
    }

    // ---- state, for subclasses ----

    /** Sets an attribute and, when the widget is shown, tells the front end. */
    void set(String key, Object value) {
        synchronized (this) {
            state.put(key, value);
        }
        var c = comm;
        if (c != null && c.isOpen()) {
            if (value instanceof Widget w) w.open();
            if (value instanceof List<?> l) l.forEach(v -> { if (v instanceof Widget w) w.open(); });
            var changed = new LinkedHashMap<String, Object>();
            changed.put(key, json(value));
            c.send(update("update", changed));
        }
    }

    /** The attributes of every widget drawn on the page (ipywidgets' DOMWidget): CSS classes, layout, tooltip. */
    void onPage() {
        set("_dom_classes", List.of());
        set("layout", Part.layout());
        set("tabbable", null);
        set("tooltip", null);
    }

    synchronized Object get(String key) {
        return state.get(key);
    }

    /** Runs {@code action} after {@code key} changed in the front end. */
    void onFrontendChange(String key, Runnable action) {
        synchronized (listeners) {
            listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(action);
        }
    }

    /**
     * Checks a value the front end sent for {@code key} and returns it as this widget keeps it.
     * Throws IllegalArgumentException for a wrong type or a value out of range.
     */
    Object fromFrontend(String key, Object value) {
        return value; // layout, outputs and the like are the front end's business
    }

    /** A custom message from the front end (a button click). */
    void custom(Map<String, Object> content) {}

    // ---- protocol ----

    /** Opens the comm (children and layout first, so references resolve), once. */
    Comms.Comm open() {
        var c = comm;
        if (c != null) return c;
        synchronized (this) {
            if (comm != null) return comm;
            var protocol = Protocol.current();
            for (Object v : new ArrayList<>(state.values())) {
                if (v instanceof Widget w && protocol.knows(w.model)) w.open();
                if (v instanceof List<?> l) l.forEach(x -> { if (x instanceof Widget w) w.open(); });
            }
            comm = Comms.open("jupyter.widget", protocol.openData(fullState(protocol)), Map.of("version", protocol.version()), new Comms.Handler() {
                @Override
                public void onMessage(Comms.Comm from, Map<String, Object> data) {
                    receive(data);
                }
            });
            Widgets.opened(comm.id(), this);
            return comm;
        }
    }

    Map<String, Object> fullState(Protocol protocol) {
        var s = new LinkedHashMap<String, Object>();
        s.put("_model_module", protocol.module(module));
        s.put("_model_module_version", protocol.moduleVersion(module));
        s.put("_model_name", model);
        s.put("_view_module", protocol.module(module == Module.OUTPUT ? Module.OUTPUT : viewModule()));
        s.put("_view_module_version", protocol.moduleVersion(module == Module.OUTPUT ? Module.OUTPUT : viewModule()));
        s.put("_view_name", view);
        synchronized (this) {
            state.forEach((k, v) -> {
                if (!(v instanceof Widget w) || protocol.knows(w.model)) s.put(k, json(v));
            });
        }
        return s;
    }

    String modelName() {
        return model;
    }

    /** Closes the comm: the front end forgets the widget, and so does the kernel. */
    public void close() {
        var c = comm;
        if (c != null) c.close();
        Widgets.closed(this);
    }

    /** Styles are models of the controls package drawn by the base package's StyleView. */
    Module viewModule() {
        return module;
    }

    private void receive(Map<String, Object> data) {
        Object method = data.get("method");
        switch (String.valueOf(method)) {
            case "update", "backbone" -> {
                Object changes = data.get("update".equals(method) ? "state" : "sync_data");
                if (!(changes instanceof Map<?, ?> m)) throw new IllegalArgumentException(this + ": an update needs a state object, got " + changes);
                @SuppressWarnings("unchecked")
                var map = (Map<String, Object>) m;
                accept(map);
            }
            case "request_state" -> comm.send(update("update", fullState(Protocol.current())));
            case "custom" -> custom(data.get("content") instanceof Map<?, ?> m ? castMap(m) : Map.of());
            default -> throw new IllegalArgumentException(this + ": unknown widget message method \"" + method + "\"");
        }
    }

    /** All or nothing: one bad value rejects the update, and the front end is set back to the kernel's values. */
    private void accept(Map<String, Object> changes) {
        var accepted = new LinkedHashMap<String, Object>();
        try {
            for (var e : changes.entrySet()) accepted.put(e.getKey(), fromFrontend(e.getKey(), e.getValue()));
        } catch (RuntimeException bad) {
            var current = new LinkedHashMap<String, Object>();
            synchronized (this) {
                for (String k : changes.keySet()) if (state.containsKey(k)) current.put(k, json(state.get(k)));
            }
            if (!current.isEmpty()) comm.send(update("update", current));
            throw new IllegalArgumentException(this + " rejected an update from the front end: " + bad.getMessage(), bad);
        }
        synchronized (this) {
            state.putAll(accepted);
        }
        if (Protocol.current() == Protocol.V2) {
            var echo = new LinkedHashMap<String, Object>();
            accepted.forEach((k, v) -> echo.put(k, json(v)));
            comm.send(update("echo_update", echo));
        }
        for (String k : accepted.keySet()) {
            List<Runnable> actions;
            synchronized (listeners) {
                actions = List.copyOf(listeners.getOrDefault(k, List.of()));
            }
            actions.forEach(Runnable::run);
        }
    }

    private static Map<String, Object> update(String method, Map<String, Object> state) {
        var data = new LinkedHashMap<String, Object>();
        data.put("method", method);
        data.put("state", state);
        data.put("buffer_paths", List.of());
        return data;
    }

    /** Widgets in the state travel as "IPY_MODEL_id" references. */
    static Object json(Object v) {
        if (v instanceof Widget w) return REF + w.id();
        if (v instanceof List<?> l) return l.stream().map(Widget::json).toList();
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    // ---- checks for values from the front end ----

    static long whole(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) return n.longValue();
        throw new IllegalArgumentException(key + " must be a whole number, got " + describe(v));
    }

    static double real(String key, Object v) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
        throw new IllegalArgumentException(key + " must be a number, got " + describe(v));
    }

    static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException(key + " must be true or false, got " + describe(v));
    }

    static String string(String key, Object v) {
        if (v instanceof String s) return s;
        throw new IllegalArgumentException(key + " must be a string, got " + describe(v));
    }

    static String describe(Object v) {
        return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
