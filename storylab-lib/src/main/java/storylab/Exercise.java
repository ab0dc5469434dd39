package storylab;

/**
 * The check at the end of a notebook exercise: {@code Exercise.check("the loss fell", last < first)} prints
 * "✓ the loss fell" when the answer holds and stops the cell with what was expected when it does not.
 * (JShell runs with Java's {@code assert} switched off, so exercises use this instead.)
 */
public final class Exercise {

    /** The mark a passed check prints; the test suite looks for it under every solution cell. */
    public static final String PASSED = "✓ ";

    private Exercise() {}

    public static void check(String what, boolean holds) {
        if (!holds) throw new AssertionError("✗ not yet: " + what);
        System.out.println(PASSED + what);
    }

    /** Holds when {@code actual} is within {@code tolerance} of {@code expected}; the message shows both. */
    public static void close(String what, double actual, double expected, double tolerance) {
        boolean ok = Math.abs(actual - expected) <= tolerance;
        check(String.format(java.util.Locale.ROOT, "%s (%.4g, expected %.4g ± %.2g)", what, actual, expected, tolerance), ok);
    }
}
