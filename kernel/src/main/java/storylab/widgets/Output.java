package storylab.widgets;

import java.util.List;

/**
 * An area that holds what code prints and displays while it runs inside {@link #capture}; the front end
 * files messages of the current request under this widget instead of under the cell.
 */
public final class Output extends Widget {

    public Output() {
        super("OutputModel", "OutputView", Module.OUTPUT);
        onPage();
        set("msg_id", "");
        set("outputs", List.of());
    }

    /** Runs {@code code}; what it prints or displays lands in this widget. */
    public void capture(Runnable code) {
        open();
        Comms.flushOutput(); // earlier printout stays where it was
        set("msg_id", Comms.parentId());
        try {
            code.run();
        } finally {
            Comms.flushOutput();
            set("msg_id", "");
        }
    }

    @Override
    Object fromFrontend(String key, Object v) {
        if (key.equals("outputs") && !(v instanceof List)) throw new IllegalArgumentException("outputs must be a list, got " + describe(v));
        return super.fromFrontend(key, v);
    }
}
