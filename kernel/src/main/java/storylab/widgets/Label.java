package storylab.widgets;

/** A line of text the kernel writes, e.g. next to other widgets in an {@link HBox}. */
public final class Label extends LabeledWidget<Label> {

    public Label(String value) {
        super("LabelModel", "LabelView", "LabelStyleModel");
        set("value", value == null ? "" : value);
        set("placeholder", "\u200b");
    }

    public String value() {
        return (String) get("value");
    }

    public Label value(String value) {
        set("value", value == null ? "" : value);
        return this;
    }
}
