package storylab.widgets;

import java.util.function.Consumer;

/** On or off: {@code new Checkbox().description("greedy").value(true)}. */
public final class Checkbox extends LabeledWidget<Checkbox> {

    public Checkbox() {
        super("CheckboxModel", "CheckboxView", "CheckboxStyleModel");
        set("value", false);
        set("indent", true);
    }

    public boolean value() {
        return (Boolean) get("value");
    }

    public Checkbox value(boolean value) {
        set("value", value);
        return this;
    }

    /** Runs {@code action} with the new state each time the person ticks or unticks the box. */
    public Checkbox onChange(Consumer<Boolean> action) {
        onFrontendChange("value", () -> action.accept(value()));
        return this;
    }

    @Override
    Object fromFrontend(String key, Object v) {
        return key.equals("value") ? bool(key, v) : super.fromFrontend(key, v);
    }
}
