package storylab.data.world;

/** Which pronouns a character takes; every sentence about a character uses these forms. */
public enum Gender {
    SHE("she", "her", "her", "herself"),
    HE("he", "him", "his", "himself");

    public final String subject, object, possessive, reflexive;

    Gender(String subject, String object, String possessive, String reflexive) {
        this.subject = subject;
        this.object = object;
        this.possessive = possessive;
        this.reflexive = reflexive;
    }

    public Gender other() {
        return this == SHE ? HE : SHE;
    }

    static Gender parse(String s) {
        return switch (s.strip()) {
            case "she" -> SHE;
            case "he" -> HE;
            default -> throw new IllegalArgumentException("pronoun must be she or he, got \"" + s + "\"");
        };
    }
}
