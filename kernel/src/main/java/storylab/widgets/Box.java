package storylab.widgets;

import java.util.List;

/** Widgets side by side ({@link HBox}) or one above the other ({@link VBox}). */
public abstract class Box extends Widget {

    Box(String model, String view, Widget... children) {
        super(model, view, Module.CONTROLS);
        onPage();
        set("box_style", "");
        set("children", List.of(children));
    }

    @SuppressWarnings("unchecked")
    public List<Widget> children() {
        return (List<Widget>) get("children");
    }

    /** Replaces the children. */
    public Box children(Widget... children) {
        set("children", List.of(children));
        return this;
    }
}
