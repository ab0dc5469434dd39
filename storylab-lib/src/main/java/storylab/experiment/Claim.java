package storylab.experiment;

/**
 * One claim of the papers, checked at this scale: what the paper found, what this run found, and the verdict.
 *
 * @param id        a stable name ("A.threshold", "B.strong-beats-weak")
 * @param statement the claim in one line
 * @param paper     what the paper found
 * @param found     what this run found (numbers)
 * @param verdict   whether it holds here
 */
public record Claim(String id, String statement, String paper, String found, Verdict verdict) {

    public enum Verdict {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), NOT_RUN("not run");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public static Verdict of(boolean holds) {
            return holds ? HOLDS : DOES_NOT_HOLD;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static Claim notRun(String id, String statement, String paper, String why) {
        return new Claim(id, statement, paper, why, Verdict.NOT_RUN);
    }
}
