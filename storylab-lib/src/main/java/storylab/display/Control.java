package storylab.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A control the person at the notebook can move, for {@code Lab.interact}: a slider, a choice, a switch
 * or a text box. The sink decides how it looks (a widget in Jupyter); a sink with nobody to move it runs
 * the function once with the initial values.
 */
public sealed interface Control {

    String name();

    /** The value the control starts at. */
    Object initial();

    /** Whole numbers from min to max. */
    record IntRange(String name, int min, int max, int step, int value) implements Control {
        public IntRange {
            check(name, min <= value && value <= max && step > 0, "needs min <= value <= max and step > 0, got " + min + " <= " + value + " <= " + max + ", step " + step);
        }

        @Override
        public Object initial() {
            return value;
        }
    }

    /** Real numbers from min to max. */
    record NumberRange(String name, double min, double max, double step, double value) implements Control {
        public NumberRange {
            check(name, min <= value && value <= max && step > 0, "needs min <= value <= max and step > 0, got " + min + " <= " + value + " <= " + max + ", step " + step);
        }

        @Override
        public Object initial() {
            return value;
        }
    }

    /** One of a few words. */
    record Choice(String name, List<String> options, String value) implements Control {
        public Choice {
            options = List.copyOf(options);
            check(name, options.contains(value), "\"" + value + "\" is not one of " + options);
        }

        @Override
        public Object initial() {
            return value;
        }
    }

    /** On or off. */
    record Toggle(String name, boolean value) implements Control {
        @Override
        public Object initial() {
            return value;
        }
    }

    /** Free text. */
    record TextBox(String name, String value) implements Control {
        public TextBox {
            check(name, value != null, "needs a text, got null");
        }

        @Override
        public Object initial() {
            return value;
        }
    }

    static IntRange slider(String name, int min, int max, int value) {
        return new IntRange(name, min, max, 1, value);
    }

    static NumberRange slider(String name, double min, double max, double step, double value) {
        return new NumberRange(name, min, max, step, value);
    }

    /** The first option is chosen at first. */
    static Choice choice(String name, String... options) {
        check(name, options.length > 0, "needs at least one option");
        return new Choice(name, List.of(options), options[0]);
    }

    static Toggle toggle(String name, boolean value) {
        return new Toggle(name, value);
    }

    static TextBox text(String name, String value) {
        return new TextBox(name, value);
    }

    private static void check(String name, boolean ok, String problem) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a control needs a name");
        if (!ok) throw new IllegalArgumentException("control \"" + name + "\" " + problem);
    }

    /** The controls' current values, by name, as the interacting function sees them. */
    record Values(Map<String, Object> values) {
        public Values {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public static Values of(List<Control> controls) {
            var map = new LinkedHashMap<String, Object>();
            for (Control c : controls) map.put(c.name(), c.initial());
            return new Values(map);
        }

        public int integer(String name) {
            return ((Number) get(name, Number.class)).intValue();
        }

        public double number(String name) {
            return ((Number) get(name, Number.class)).doubleValue();
        }

        public String text(String name) {
            return (String) get(name, String.class);
        }

        public boolean flag(String name) {
            return (Boolean) get(name, Boolean.class);
        }

        private Object get(String name, Class<?> type) {
            if (!values.containsKey(name)) throw new IllegalArgumentException("no control named \"" + name + "\"; the controls are " + values.keySet());
            Object v = values.get(name);
            if (!type.isInstance(v))
                throw new IllegalArgumentException("control \"" + name + "\" holds " + v + ", not a " + type.getSimpleName().toLowerCase());
            return v;
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }
}
