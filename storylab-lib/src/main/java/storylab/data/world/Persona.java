package storylab.data.world;

/** A character of a story (a persona, so as not to shadow java.lang.Character): name, kind of creature, trait and the pronouns that go with them. */
public record Persona(String name, String kind, String trait, Gender gender) {

    @Override
    public String toString() {
        return name + " (" + trait + " " + kind + ", " + gender.subject + ")";
    }
}
