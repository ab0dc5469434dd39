package storylab.widgets;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A button whose clicks run Java: {@code new Button("Sample").onClick(b -> ...)}. */
public final class Button extends LabeledWidget<Button> {

    private final CopyOnWriteArrayList<Consumer<Button>> clicks = new CopyOnWriteArrayList<>();
    private volatile int clicked;

    public Button(String label) {
        super("ButtonModel", "ButtonView", "ButtonStyleModel");
        set("description", label == null ? "" : label);
        set("button_style", "");
        set("icon", "");
    }

    /** One of primary, success, info, warning, danger, or "" for the plain look. */
    public Button style(String buttonStyle) {
        if (!java.util.Set.of("", "primary", "success", "info", "warning", "danger").contains(buttonStyle))
            throw new IllegalArgumentException("button style \"" + buttonStyle + "\" is not one of primary, success, info, warning, danger or \"\"");
        set("button_style", buttonStyle);
        return this;
    }

    /** Runs {@code action} each time the person clicks. */
    public Button onClick(Consumer<Button> action) {
        clicks.add(action);
        return this;
    }

    /** How many times the button was clicked. */
    public int clicks() {
        return clicked;
    }

    @Override
    void custom(Map<String, Object> content) {
        if (!"click".equals(content.get("event"))) throw new IllegalArgumentException("a button knows the event \"click\", got " + content);
        clicked++;
        clicks.forEach(a -> a.accept(this));
    }
}
