package storylab.experiment;

/**
 * One claim of the papers, checked at this scale: what the paper found, what this run found, and the verdict.
 *
 * @param id        a stable name ("A.threshold", "B.strong-beats-weak")
 * @param statement the claim in one line
 * @param paper     what the paper found
 * @param found     what this run found (numbers)
 * @param verdict   whether it holds here
 * @param estimate  the number the verdict is decided on, with its 95 % CI (null when the claim gives none: then
 *                  the reproduction reports a holds/does-not-hold verdict as inconclusive)
 */
public record Claim(String id, String statement, String paper, String found, Verdict verdict, Estimate estimate) {

    /** A claim without a confidence interval (a plugged-in experiment's point estimate). */
    public Claim(String id, String statement, String paper, String found, Verdict verdict) {
        this(id, statement, paper, found, verdict, null);
    }

    public enum Verdict {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), INCONCLUSIVE("inconclusive"), NOT_RUN("not run");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** A point estimate's verdict: only for claims that also give an {@link Estimate}. */
        public static Verdict of(boolean holds) {
            return holds ? HOLDS : DOES_NOT_HOLD;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static Claim notRun(String id, String statement, String paper, String why) {
        return new Claim(id, statement, paper, why, Verdict.NOT_RUN, null);
    }

    /**
     * The claim as the report states it: a holds/does-not-hold without a confidence interval becomes
     * inconclusive (no verdict from a point estimate).
     */
    public Claim decidedByInterval() {
        if (estimate != null || verdict == Verdict.NOT_RUN || verdict == Verdict.INCONCLUSIVE) return this;
        return new Claim(id, statement, paper, found + " (point estimate " + verdict + "; no confidence interval, so no verdict)", Verdict.INCONCLUSIVE, null);
    }
}
