package storylab.teacher;

/** The three things paper A's teacher grades, each 0 (worst) to 3 (best). */
public enum Criterion {
    READABILITY("readability", "R"),
    COHERENCE("coherence", "C"),
    CREATIVITY("creativity", "K");

    private final String label;
    private final String letter;

    Criterion(String label, String letter) {
        this.label = label;
        this.letter = letter;
    }

    public String label() {
        return label;
    }

    /** One-letter column header for compact tables. */
    public String letter() {
        return letter;
    }
}
