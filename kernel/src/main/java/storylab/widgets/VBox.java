package storylab.widgets;

/** Widgets one above the other. */
public final class VBox extends Box {
    public VBox(Widget... children) {
        super("VBoxModel", "VBoxView", children);
    }
}
