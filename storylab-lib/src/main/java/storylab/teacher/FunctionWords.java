package storylab.teacher;

import java.util.Set;

/** Small closed-class word lists the grammar rules need; written for this project, not learned. */
final class FunctionWords {

    private FunctionWords() {}

    static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that", "these", "those", "my", "your",
            "his", "her", "its", "our", "their", "every", "each", "some", "no");

    /** Words after which a sentence cannot end in plain English. */
    static final Set<String> CANNOT_END = Set.of("the", "a", "an", "and", "or", "but", "of", "my", "your", "our",
            "their", "its", "every", "each", "very", "because", "if", "than");

    /** Words that cannot directly follow a determiner. */
    static final Set<String> NOT_AFTER_DETERMINER = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on",
            "at", "with", "from", "by", "he", "she", "they", "we", "i", "it", "is", "was", "were", "are", "said",
            "but", "if", "then", "when", "so", "not");

    static final Set<String> PRONOUNS = Set.of("he", "she", "it", "they", "him", "her", "them", "his", "their", "its",
            "himself", "herself", "themselves");

    /** Very common words that say nothing about who or what a story is about. */
    static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "with",
            "from", "by", "for", "as", "is", "was", "were", "are", "be", "been", "had", "has", "have", "do", "did",
            "not", "no", "so", "then", "that", "this", "it", "he", "she", "they", "i", "you", "we", "him", "her",
            "them", "his", "their", "my", "your", "me", "us", "our", "its", "all", "one", "there", "when", "what",
            "which", "who", "said", "would", "could", "should", "will", "shall", "can", "into", "out", "up", "down",
            "if", "now", "very", "again", "away", "came", "went", "upon", "about", "after", "before");

    /** Last-sentence words that suggest the plot was brought to an end. */
    static final Set<String> CLOSURE = Set.of("happily", "ever", "end", "finally", "last", "forever", "home", "lived",
            "learned", "learnt", "never", "always", "since", "together", "safe", "glad", "smiled", "married");

    /** "a" before these vowel-letter words and "an" before these consonant-letter words are right. */
    static final Set<String> A_BEFORE_VOWEL_LETTER = Set.of("one", "once", "unicorn", "uniform", "university", "useful",
            "usual", "european", "ewe", "user", "unique", "union", "unit", "utensil");
    static final Set<String> AN_BEFORE_CONSONANT_LETTER = Set.of("hour", "hours", "honest", "honour", "honor", "heir",
            "honourable", "herb");
}
