package storylab.rl;

import java.util.List;

/**
 * Story openings in the spirit of paper A's fixed prompt (our words): the ones the workshop presets train on,
 * and held-out ones that evaluation uses, so a before/after score measures stories, not one memorised prompt.
 */
public final class Openings {

    private Openings() {}

    public static final List<String> TRAINING = List.of(RlConfig.DEFAULT_PROMPT, "One morning, a little girl", "Long ago, in a small village,",
            "There once was a curious fox who", "On a cold winter night,", "In a castle by the sea,");

    public static final List<String> HELD_OUT = List.of("Once upon a time, a young prince", "Far away, in a deep forest,",
            "One sunny day, a boy named Tom", "Long ago, a kind old woman", "In a land of tall mountains,", "There was once a little bird that");
}
