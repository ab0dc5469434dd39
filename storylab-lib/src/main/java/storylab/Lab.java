package storylab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import storylab.display.Control;
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

    /**
     * The StoryLab folder (where {@code datasets/} and {@code runs/} are): set by the launcher, else found
     * by walking up from the working folder, so notebooks find their files wherever they run.
     */
    public static Path home() {
        String set = System.getProperty("storylab.home");
        if (set != null) return Path.of(set);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isDirectory(p.resolve("datasets")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        return Path.of("").toAbsolutePath();
    }

    /** The scale notebooks run at (STORYLAB_SCALE: test, workshop or paper). */
    public static Scale scale() {
        return Scale.current();
    }

    /**
     * A run folder: checkpoints, metrics and configs of one experiment, under {@code home()/runs} or under
     * the folder named by {@code STORYLAB_RUNS} (tests and shared machines point it elsewhere).
     */
    public static Path runs(String name) {
        String root = System.getenv("STORYLAB_RUNS");
        return (root != null && !root.isBlank() ? Path.of(root) : home().resolve("runs")).resolve(name);
    }

    /**
     * Controls that re-run {@code function} each time one moves, its result shown below them:
     * {@code interact(v -> world.story(v.integer("seed")), Control.slider("seed", 0, 99, 42))}.
     * Run headless, the function runs once with the initial values.
     */
    public static void interact(Function<Control.Values, ?> function, Control... controls) {
        if (controls.length == 0) throw new IllegalArgumentException("interact needs at least one control, e.g. Control.slider(\"n\", 0, 10, 5)");
        Display.sink().interact(List.of(controls), function);
    }

    /** Asks the person at the notebook a question and returns the answer (Jupyter's input box). */
    public static String input(String prompt) {
        return Display.ask(prompt);
    }
}
