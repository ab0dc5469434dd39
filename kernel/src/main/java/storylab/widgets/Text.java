package storylab.widgets;

import java.util.function.Consumer;

/** A line of text the person types: {@code new Text().description("prompt").value("Once upon a time")}. */
public final class Text extends LabeledWidget<Text> {

    public Text() {
        super("TextModel", "TextView", "TextStyleModel");
        set("value", "");
        set("placeholder", "\u200b");
        set("continuous_update", true);
    }

    public String value() {
        return (String) get("value");
    }

    public Text value(String value) {
        if (value == null) throw new IllegalArgumentException("a Text widget holds a string, not null");
        set("value", value);
        return this;
    }

    /** Grey text shown while the box is empty. */
    public Text placeholder(String hint) {
        set("placeholder", hint);
        return this;
    }

    /** Whether the kernel hears of every key stroke (true) or only when the person leaves the box or presses Enter. */
    public Text continuousUpdate(boolean on) {
        set("continuous_update", on);
        return this;
    }

    /** Runs {@code action} with the new text each time it changes. */
    public Text onChange(Consumer<String> action) {
        onFrontendChange("value", () -> action.accept(value()));
        return this;
    }

    @Override
    Object fromFrontend(String key, Object v) {
        return key.equals("value") ? string(key, v) : super.fromFrontend(key, v);
    }
}
