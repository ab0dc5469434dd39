package storylab.data.world;

/**
 * A grammatical sentence and an ungrammatical one that differ in one point of grammar. A model shows formal
 * competence on the pair when it gives the grammatical one the higher log-likelihood (as BabyLM's BLiMP does).
 */
public record MinimalPair(String phenomenon, String good, String bad) {

    public static final String AGREEMENT = "subject-verb agreement";
    public static final String PRONOUN = "pronoun gender";
    public static final String REFLEXIVE = "reflexive gender";
    public static final String ARTICLE = "article a/an";
    public static final String TENSE = "past tense";
    public static final String DETERMINER = "determiner number";

    public static final java.util.List<String> PHENOMENA = java.util.List.of(AGREEMENT, PRONOUN, REFLEXIVE, ARTICLE, TENSE, DETERMINER);

    @Override
    public String toString() {
        return phenomenon + ": ✓ " + good + " | ✗ " + bad;
    }
}
