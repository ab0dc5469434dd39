package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.Torch;
import storylab.text.Tokenizer;

/**
 * "A toy reward must rise", for every algorithm: a tiny random student over a 24-word vocabulary, rewarded for
 * (1) using a target word and (2) a story length inside a band. Each reward's mean over 64 fresh stories (fixed
 * sampling seed) must rise by a stated margin, averaged over 3 seeds, with every seed rising and the KL to the
 * reference bounded. Flip the sign of an algorithm's advantage and these fail.
 */
class ToyRewardTest {

    static final List<String> WORDS = List.of("the", "cat", "dog", "ran", "sat", "on", "a", "mat", "big", "red", "sun", "and",
            "hat", "saw", "fox", "hen", "box", "cup", "bed", "pig", "dragon", "bat", "log", "map");
    static final Toy TOK = new Toy();

    /** Share of the story's words that are "dragon" (about 1/25 at the start). */
    static final RewardFunction TARGET_WORD = (prompt, story) -> {
        var w = words(story);
        return w.isEmpty() ? 0 : w.stream().filter("dragon"::equals).count() / (double) w.size();
    };

    /** 0 inside 3–6 words, minus the distance to the band (per 10 words) outside; stories start ~14 words long. */
    static final RewardFunction LENGTH_BAND = (prompt, story) -> {
        int n = words(story).size();
        return -Math.max(0, Math.max(3 - n, n - 6)) / 10.0;
    };

    static final int SEEDS = 3;

    @BeforeAll
    static void threads() {
        Torch.threads(1);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aTargetWordRewardRises(Algorithm algorithm) {
        assertRises(algorithm, TARGET_WORD, 0.10);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aLengthInABandRewardRises(Algorithm algorithm) {
        assertRises(algorithm, LENGTH_BAND, 0.20);
    }

    static void assertRises(Algorithm algorithm, RewardFunction reward, double margin) {
        double[] gains = new double[SEEDS];
        var report = new StringBuilder();
        for (int seed = 0; seed < SEEDS; seed++) {
            try (var student = Gpt.create(GptConfig.tiny(TOK.vocabSize()).withD(32).withLayers(2).withHeads(2).withContext(32).withSeed(seed))) {
                double before = evaluate(student, reward);
                var run = Rl.of(student, TOK, reward).config(toy(algorithm, seed)).display(false).run();
                double after = evaluate(student, reward);
                gains[seed] = after - before;
                double kl = run.steps().get(run.steps().size() - 1).objective().kl();
                report.append(String.format("seed %d: %.3f → %.3f, final KL %.2f; ", seed, before, after, kl));
                assertTrue(Double.isFinite(kl) && kl < 20, algorithm + ": KL must stay bounded (< 20 nats per story): " + report);
            }
        }
        double mean = Arrays.stream(gains).average().orElseThrow();
        System.out.println("toy " + algorithm + ": " + report);
        assertTrue(mean >= margin, algorithm + ": mean gain " + String.format("%.3f", mean) + " < " + margin + " — " + report);
        for (double g : gains) assertTrue(g > 0, algorithm + ": every seed must gain — " + report);
    }

    /** The algorithm's workshop preset, shrunk: 4 prompts × 4 stories of at most 16 words, 15 steps. */
    static RlConfig toy(Algorithm a, long seed) {
        var c = a.workshop().batch(16, 8).sampling(16, 1.0, 0, 1.0).prompts(List.of("")).steps(15).seed(seed).checkpointEvery(0)
                .lr(3e-3);
        // PPO takes 8 gradient steps per batch (4 epochs), the others 2 (one on-policy epoch).
        if (a == Algorithm.PPO) c = c.lr(1e-3).ppo(c.ppo().valueWarmup(1));
        return c;
    }

    /** Mean reward of 64 fresh stories with a fixed sampling seed. */
    static double evaluate(Gpt student, RewardFunction reward) {
        var s = student.sampler(TOK).maxTokens(16).seed(12345).copies(64).sample("");
        double sum = 0;
        for (int i = 0; i < s.size(); i++) sum += reward.reward("", text(s.tokens()[i]));
        return sum / s.size();
    }

    static String text(int[] tokens) {
        int n = 0;
        while (n < tokens.length && tokens[n] != TOK.eot()) n++;
        return TOK.decode(Arrays.copyOf(tokens, n));
    }

    static List<String> words(String story) {
        return story.isBlank() ? List.of() : List.of(story.strip().split("\\s+"));
    }

    /** Words as tokens, then end-of-text and pad. */
    static final class Toy implements Tokenizer {
        @Override
        public int[] encode(String text) {
            var out = new ArrayList<Integer>();
            for (String w : words(text)) {
                int id = WORDS.indexOf(w);
                if (id >= 0) out.add(id);
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public String decode(int[] ids) {
            var sb = new StringBuilder();
            for (int id : ids) if (id < WORDS.size()) sb.append(sb.length() == 0 ? "" : " ").append(WORDS.get(id));
            return sb.toString();
        }

        @Override
        public int vocabSize() {
            return WORDS.size() + 2;
        }

        @Override
        public int special(String name) {
            return name.contains("endoftext") ? WORDS.size() : WORDS.size() + 1;
        }

        @Override
        public void save(Path file) {
            throw new UnsupportedOperationException("the toy tokenizer is not saved");
        }
    }
}
