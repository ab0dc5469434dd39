package storylab.data;

/** One document of a corpus (a story, a tale, a chapter), with where it came from. */
public record Document(String id, String text) {

    /** Whitespace-separated words, as BabyLM counts them. */
    public int words() {
        return Words.count(text);
    }
}
