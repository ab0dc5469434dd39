package storylab.widgets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The widget message protocol the front end speaks. StoryLab speaks 2.1 (ipywidgets 8: JupyterLab 4,
 * Notebook 7, nbclient, VS Code) unless the front end announces itself as jupyter-js-widgets 2.x (ipywidgets
 * 6, the classic Notebook's extension in Debian 12) by opening a {@code jupyter.widget.version} comm, which
 * only protocol-1 front ends do. The two differ in module names, how a comm_open carries the state,
 * how the front end sends changes (handled in {@link Widget}), and how a widget is put on the page.
 */
enum Protocol {
    V2, V1;

    private static volatile Protocol current = V2;

    static Protocol current() {
        return current;
    }

    static void use(Protocol p) {
        current = p;
    }

    /** Goes in each comm_open's metadata. */
    String version() {
        return this == V2 ? "2.1.0" : "1.0.0";
    }

    String module(Widget.Module m) {
        if (this == V1) return "jupyter-js-widgets";
        return switch (m) {
            case BASE -> "@jupyter-widgets/base";
            case CONTROLS -> "@jupyter-widgets/controls";
            case OUTPUT -> "@jupyter-widgets/output";
        };
    }

    String moduleVersion(Widget.Module m) {
        if (this == V1) return "~2.1.4";
        return m == Widget.Module.OUTPUT ? "1.0.0" : "2.0.0";
    }

    /** Protocol 2 wraps the state; protocol 1 sends it bare. */
    Map<String, Object> openData(Map<String, Object> state) {
        if (this == V1) return state;
        var data = new LinkedHashMap<String, Object>();
        data.put("state", state);
        data.put("buffer_paths", List.of());
        return data;
    }

    private static final Set<String> NOT_IN_V1 = Set.of("DescriptionStyleModel", "CheckboxStyleModel", "TextStyleModel", "LabelStyleModel");

    /** Whether the front end has this model (jupyter-js-widgets 2 predates most style models). */
    boolean knows(String modelName) {
        return this == V2 || !NOT_IN_V1.contains(modelName);
    }
}
