package storylab;

import storylab.display.Display;
import storylab.display.DisplayHandle;

/**
 * The lab's front door, imported statically into every notebook cell: {@code display(chart)},
 * {@code updateDisplay(handle, chart)}, {@code clearOutput()}, {@code input("score? ")}.
 */
public final class Lab {

    private Lab() {}

    /** Shows an object below the cell (chart, table, story, anything) and returns a handle to update it. */
    public static DisplayHandle display(Object obj) {
        return new DisplayHandle(Display.show(obj));
    }

    /** Replaces an earlier display in place. */
    public static DisplayHandle updateDisplay(DisplayHandle handle, Object obj) {
        return handle.update(obj);
    }

    /** Replaces an earlier display, by id, in place. */
    public static void updateDisplay(String displayId, Object obj) {
        Display.update(displayId, obj);
    }

    /** Clears this cell's output once new output arrives (no flicker). */
    public static void clearOutput() {
        Display.clear();
    }

    /** Asks the person at the notebook a question and returns the answer (Jupyter's input box). */
    public static String input(String prompt) {
        return Display.ask(prompt);
    }
}
