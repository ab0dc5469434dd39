package storylab.widgets;

/**
 * A widget on the page with a description to its left (ipywidgets' DOMWidget and DescriptionWidget):
 * the fluent setters every control shares.
 */
public abstract class LabeledWidget<W extends LabeledWidget<W>> extends Widget {

    LabeledWidget(String model, String view, String styleModel) {
        super(model, view, Module.CONTROLS);
        onPage();
        set("description", "");
        set("description_allow_html", false);
        set("style", Part.style(styleModel));
        set("disabled", false);
    }

    @SuppressWarnings("unchecked")
    final W self() {
        return (W) this;
    }

    /** The label shown next to the control. */
    public W description(String text) {
        set("description", text);
        return self();
    }

    public String description() {
        return (String) get("description");
    }

    /** A greyed-out control the person cannot change. */
    public W disabled(boolean disabled) {
        set("disabled", disabled);
        return self();
    }

    /** CSS width of the control, e.g. "400px" or "50%". */
    public W width(String css) {
        ((Widget) get("layout")).set("width", css);
        return self();
    }
}
