package storylab.widgets;

import java.util.function.IntConsumer;

/** A slider over whole numbers: {@code new IntSlider().range(0, 10).value(3).description("steps")}. */
public final class IntSlider extends LabeledWidget<IntSlider> {

    public IntSlider() {
        super("IntSliderModel", "IntSliderView", "SliderStyleModel");
        set("value", 0);
        set("min", 0);
        set("max", 100);
        set("step", 1);
        set("orientation", "horizontal");
        set("readout", true);
        set("readout_format", "d");
        set("continuous_update", true);
        set("behavior", "drag-tap");
    }

    public int value() {
        return (Integer) get("value");
    }

    public IntSlider value(int value) {
        if (value < min() || value > max()) throw new IllegalArgumentException("value " + value + " is outside " + min() + ".." + max());
        set("value", value);
        return this;
    }

    public int min() {
        return (Integer) get("min");
    }

    public int max() {
        return (Integer) get("max");
    }

    /** The values the slider covers; the value is moved inside if it falls out. */
    public IntSlider range(int min, int max) {
        if (min > max) throw new IllegalArgumentException("min " + min + " is above max " + max);
        set("min", min);
        set("max", max);
        if (value() < min || value() > max) set("value", Math.max(min, Math.min(max, value())));
        return this;
    }

    public IntSlider step(int step) {
        if (step <= 0) throw new IllegalArgumentException("step must be positive, got " + step);
        set("step", step);
        return this;
    }

    /** Whether the kernel hears of every position while dragging (true) or only where the slider is let go. */
    public IntSlider continuousUpdate(boolean on) {
        set("continuous_update", on);
        return this;
    }

    /** Runs {@code action} with the new value each time the person moves the slider. */
    public IntSlider onChange(IntConsumer action) {
        onFrontendChange("value", () -> action.accept(value()));
        return this;
    }

    @Override
    Object fromFrontend(String key, Object v) {
        if (!key.equals("value")) return super.fromFrontend(key, v);
        long x = whole(key, v);
        if (x < min() || x > max()) throw new IllegalArgumentException("value " + x + " is outside " + min() + ".." + max());
        return (int) x;
    }
}
