package storylab.widgets;

import java.util.List;
import java.util.function.Consumer;

/** A choice of one option: {@code new Dropdown("rubric", "llm", "human").value("llm")}. */
public final class Dropdown extends LabeledWidget<Dropdown> {

    public Dropdown(String... options) {
        super("DropdownModel", "DropdownView", "DescriptionStyleModel");
        if (options.length == 0) throw new IllegalArgumentException("a dropdown needs at least one option");
        set("_options_labels", List.of(options));
        set("index", 0);
    }

    @SuppressWarnings("unchecked")
    public List<String> options() {
        return (List<String>) get("_options_labels");
    }

    public int index() {
        return (Integer) get("index");
    }

    /** The chosen option. */
    public String value() {
        return options().get(index());
    }

    public Dropdown value(String option) {
        int i = options().indexOf(option);
        if (i < 0) throw new IllegalArgumentException("\"" + option + "\" is not one of " + options());
        set("index", i);
        return this;
    }

    /** Runs {@code action} with the chosen option each time the person picks one. */
    public Dropdown onChange(Consumer<String> action) {
        onFrontendChange("index", () -> action.accept(value()));
        return this;
    }

    @Override
    Object fromFrontend(String key, Object v) {
        if (!key.equals("index")) return super.fromFrontend(key, v);
        long i = whole(key, v);
        if (i < 0 || i >= options().size()) throw new IllegalArgumentException("index " + i + " is not an option (0.." + (options().size() - 1) + ")");
        return (int) i;
    }
}
