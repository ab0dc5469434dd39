package storylab;

/**
 * How big a notebook's experiments are. {@code WORKSHOP} (the default) runs on a 2-core laptop in minutes;
 * {@code TEST} is the smallest that still exercises every cell (the test suite runs notebooks at it);
 * {@code PAPER} is the papers' own settings (hours to days, a GPU helps). Chosen with the environment
 * variable {@code STORYLAB_SCALE} or the system property {@code storylab.scale}.
 */
public enum Scale {
    TEST, WORKSHOP, PAPER;

    public static Scale current() {
        String s = System.getProperty("storylab.scale", System.getenv().getOrDefault("STORYLAB_SCALE", "workshop"));
        try {
            return valueOf(s.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("STORYLAB_SCALE must be test, workshop or paper, not \"" + s + "\"");
        }
    }

    /** Picks the value for this scale: {@code scale.pick(20_000, 1_000_000, 100_000_000)}. */
    public long pick(long test, long workshop, long paper) {
        return switch (this) {
            case TEST -> test;
            case WORKSHOP -> workshop;
            case PAPER -> paper;
        };
    }

    public int pick(int test, int workshop, int paper) {
        return (int) pick((long) test, workshop, paper);
    }

    public double pick(double test, double workshop, double paper) {
        return switch (this) {
            case TEST -> test;
            case WORKSHOP -> workshop;
            case PAPER -> paper;
        };
    }
}
