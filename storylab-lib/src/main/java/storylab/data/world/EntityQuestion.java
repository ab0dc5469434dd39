package storylab.data.world;

import java.util.List;

/**
 * An entity-tracking probe: a prompt in which an object changes hands, ending just before the name of its
 * holder; the candidates are the continuations to score (each with a leading space) and {@code answer} is
 * the index of the right one.
 */
public record EntityQuestion(String prompt, List<String> candidates, int answer) {

    public EntityQuestion {
        candidates = List.copyOf(candidates);
        if (answer < 0 || answer >= candidates.size()) throw new IllegalArgumentException("answer " + answer + " not among " + candidates);
    }

    public String correct() {
        return candidates.get(answer);
    }

    @Override
    public String toString() {
        return prompt + " [" + String.join(" |", candidates) + "] → " + correct();
    }
}
