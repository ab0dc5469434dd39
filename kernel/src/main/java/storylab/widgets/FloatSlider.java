package storylab.widgets;

import java.util.function.DoubleConsumer;

/** A slider over real numbers: {@code new FloatSlider().range(0.1, 2.0).step(0.1).value(0.8)}. */
public final class FloatSlider extends LabeledWidget<FloatSlider> {

    public FloatSlider() {
        super("FloatSliderModel", "FloatSliderView", "SliderStyleModel");
        set("value", 0.0);
        set("min", 0.0);
        set("max", 10.0);
        set("step", 0.1);
        set("orientation", "horizontal");
        set("readout", true);
        set("readout_format", ".2f");
        set("continuous_update", true);
        set("behavior", "drag-tap");
    }

    public double value() {
        return (Double) get("value");
    }

    public FloatSlider value(double value) {
        if (!(value >= min() && value <= max())) throw new IllegalArgumentException("value " + value + " is outside " + min() + ".." + max());
        set("value", value);
        return this;
    }

    public double min() {
        return (Double) get("min");
    }

    public double max() {
        return (Double) get("max");
    }

    /** The values the slider covers; the value is moved inside if it falls out. */
    public FloatSlider range(double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("min " + min + " is above max " + max);
        set("min", min);
        set("max", max);
        if (value() < min || value() > max) set("value", Math.max(min, Math.min(max, value())));
        return this;
    }

    public FloatSlider step(double step) {
        if (!(step > 0)) throw new IllegalArgumentException("step must be positive, got " + step);
        set("step", step);
        return this;
    }

    /** Whether the kernel hears of every position while dragging (true) or only where the slider is let go. */
    public FloatSlider continuousUpdate(boolean on) {
        set("continuous_update", on);
        return this;
    }

    /** Runs {@code action} with the new value each time the person moves the slider. */
    public FloatSlider onChange(DoubleConsumer action) {
        onFrontendChange("value", () -> action.accept(value()));
        return this;
    }

    @Override
    Object fromFrontend(String key, Object v) {
        if (!key.equals("value")) return super.fromFrontend(key, v);
        double x = real(key, v);
        if (x < min() || x > max()) throw new IllegalArgumentException("value " + x + " is outside " + min() + ".." + max());
        return x;
    }
}
