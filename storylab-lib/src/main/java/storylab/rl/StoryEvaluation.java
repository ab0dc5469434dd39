package storylab.rl;

import java.util.ArrayList;
import java.util.List;
import storylab.data.Words;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.eval.Distinct;
import storylab.model.Gpt;
import storylab.teacher.Response;
import storylab.teacher.Teacher;
import storylab.text.Tokenizer;

/**
 * A model's stories judged the same way before and after RL, so a gain cannot come from the batch mean of a
 * run (which moves with the policy's own samples): held-out prompts, a fixed sampling setting and several
 * sampling seeds; the teacher's score of the stories as written (cut-off ones as cut), their length, how many
 * were cut off, distinct-2, and a second teacher's score — if the first teacher's score rises and the second's
 * falls, the student has learned the first teacher's quirks, not better stories.
 * <pre>{@code
 * var before = StoryEvaluation.of(student, tok, teacher, otherTeacher, StoryEvaluation.Settings.workshop());
 * }</pre>
 */
public record StoryEvaluation(String teacher, double score, double scoreStd, double[] seedScores, double words, double truncatedShare,
                              double distinct2, String secondTeacher, double secondScore, int stories) implements Displayable {

    /**
     * @param prompts         the prompts (held-out openings by default)
     * @param storiesPerPrompt stories per prompt and seed
     * @param maxNewTokens    the token limit, as in training
     * @param temperature     sampling temperature (1: the policy as it is)
     * @param seeds           sampling seeds; each gives one mean score
     */
    public record Settings(List<String> prompts, int storiesPerPrompt, int maxNewTokens, double temperature, List<Long> seeds) {
        public Settings {
            if (prompts == null || prompts.isEmpty()) throw new IllegalArgumentException("give at least one evaluation prompt");
            if (seeds == null || seeds.isEmpty()) throw new IllegalArgumentException("give at least one sampling seed");
            prompts = List.copyOf(prompts);
            seeds = List.copyOf(seeds);
        }

        /** 6 held-out openings × 6 stories × 2 seeds = 72 stories of at most 112 tokens at temperature 1. */
        public static Settings workshop() {
            return new Settings(Openings.HELD_OUT, 6, 112, 1.0, List.of(101L, 202L));
        }
    }

    public static StoryEvaluation of(Gpt model, Tokenizer tok, Teacher teacher, Teacher second, Settings s) {
        var texts = new ArrayList<String>();
        var responses = new ArrayList<Response>();
        int cut = 0;
        double[] seedScores = new double[s.seeds().size()];
        double sum = 0, sq = 0, secondSum = 0, words = 0;
        for (int k = 0; k < s.seeds().size(); k++) {
            var prompts = new ArrayList<String>();
            for (String p : s.prompts()) for (int j = 0; j < s.storiesPerPrompt(); j++) prompts.add(p);
            var rollout = Rollout.sample(model, tok, prompts, new RlConfig.Generation(s.maxNewTokens(), s.temperature(), 0, 1.0), s.seeds().get(k));
            if (rollout == null) throw new IllegalStateException("interrupted while sampling the evaluation stories");
            var batch = new ArrayList<Response>();
            for (int i = 0; i < rollout.size(); i++) batch.add(Response.of(prompts.get(i), rollout.texts().get(i)));
            var scores = teacher.scoreAll(batch);
            for (int i = 0; i < rollout.size(); i++) {
                double x = scores.get(i).sum();
                seedScores[k] += x / rollout.size();
                sum += x;
                sq += x * x;
                words += Words.count(rollout.texts().get(i));
            }
            if (second != null) secondSum += second.scoreAll(batch).meanSum() * rollout.size();
            cut += (int) rollout.truncatedCount();
            texts.addAll(rollout.texts());
            responses.addAll(batch);
        }
        int n = texts.size();
        double mean = sum / n;
        return new StoryEvaluation(teacher.name(), mean, Math.sqrt(Math.max(0, sq / n - mean * mean)), seedScores, words / n, (double) cut / n,
                Distinct.n(texts, 2), second == null ? "" : second.name(), second == null ? Double.NaN : secondSum / n, n);
    }

    public String summary() {
        return String.format("%s %.2f ± %.2f / 9 over %d stories (seeds: %s) · %.0f words · %.0f%% cut off · distinct-2 %.3f%s",
                teacher, score, scoreStd, stories, java.util.Arrays.stream(seedScores).mapToObj(x -> String.format("%.2f", x)).toList(),
                words, 100 * truncatedShare, distinct2, secondTeacher.isEmpty() ? "" : String.format(" · %s %.2f", secondTeacher, secondScore));
    }

    @Override
    public String toString() {
        return summary();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(summary());
    }
}
