package storylab.experiment;

import java.util.ArrayList;
import java.util.List;
import storylab.data.Words;
import storylab.data.world.StoryWorld;
import storylab.model.Gpt;
import storylab.rl.RlConfig;
import storylab.teacher.Criterion;
import storylab.teacher.Response;
import storylab.teacher.Teacher;
import storylab.text.Tokenizer;

/**
 * A model's stories as the teacher sees them: {@code n} continuations of the PPO prompts (sampled as PPO
 * samples, with a fixed seed so every model is asked the same way), each scored; plus the formal-competence
 * probes when asked for. Per-story rows give the 0/1/2/3 shares (figure 4) and entropy against length and
 * score (figure 5), which PPO's per-step means cannot.
 */
public record TeacherEvaluation(double scoreMean, double scoreStd, double readability, double coherence, double creativity,
                         double words, double entropy, List<StoryScore> stories, Competence competence) {

    /** One story: its three scores, its length in words and its mean entropy per token. */
    public record StoryScore(int readability, int coherence, int creativity, int words, double entropy) {
        public int sum() {
            return readability + coherence + creativity;
        }

        public int get(Criterion c) {
            return switch (c) {
                case READABILITY -> readability;
                case COHERENCE -> coherence;
                case CREATIVITY -> creativity;
            };
        }
    }

    public static TeacherEvaluation of(Gpt model, Tokenizer tok, Teacher teacher, RlConfig rl, int n, long seed,
                                StoryWorld probes, int pairs, int questions) {
        var prompts = new ArrayList<String>();
        for (int i = 0; i < n; i++) prompts.add(rl.run().prompts().get(i % rl.run().prompts().size()));
        return of(model, tok, teacher, rl, prompts, seed, probes, pairs, questions);
    }

    /** As above, continuing the given prompts (one story each). */
    public static TeacherEvaluation of(Gpt model, Tokenizer tok, Teacher teacher, RlConfig rl, List<String> promptList, long seed,
                                StoryWorld probes, int pairs, int questions) {
        int n = promptList.size();
        var prompts = promptList.toArray(new String[0]);
        var g = rl.generation();
        var samples = model.sampler(tok).maxTokens(g.maxNewTokens()).temperature(g.temperature()).topK(g.topK()).topP(g.topP())
                .seed(seed).sample(prompts);
        var stories = new ArrayList<Response>();
        for (int i = 0; i < n; i++) stories.add(Response.of(prompts[i], samples.text(i)));
        var scores = teacher.scoreAll(stories);
        var rows = new ArrayList<StoryScore>();
        for (int i = 0; i < n; i++) {
            var s = scores.get(i);
            float[] h = samples.entropies()[i];
            int made = samples.tokens()[i].length;
            double e = 0;
            for (int t = 0; t < Math.min(made, h.length); t++) e += h[t];
            rows.add(new StoryScore(s.readability(), s.coherence(), s.creativity(), Words.count(samples.text(i)), made == 0 ? Double.NaN : e / made));
        }
        var competence = pairs + questions > 0 ? Competence.measure(model, tok, probes, pairs, questions) : null;
        return summarize(rows, competence);
    }

    /** Means and std over the stories. */
    public static TeacherEvaluation summarize(List<StoryScore> rows, Competence competence) {
        double n = Math.max(1, rows.size());
        double mean = rows.stream().mapToDouble(StoryScore::sum).sum() / n;
        double var = rows.stream().mapToDouble(r -> (r.sum() - mean) * (r.sum() - mean)).sum() / n;
        return new TeacherEvaluation(mean, Math.sqrt(var),
                rows.stream().mapToDouble(StoryScore::readability).sum() / n,
                rows.stream().mapToDouble(StoryScore::coherence).sum() / n,
                rows.stream().mapToDouble(StoryScore::creativity).sum() / n,
                rows.stream().mapToDouble(StoryScore::words).sum() / n,
                rows.stream().mapToDouble(StoryScore::entropy).filter(Double::isFinite).average().orElse(Double.NaN),
                List.copyOf(rows), competence);
    }

    public double get(Criterion c) {
        return switch (c) {
            case READABILITY -> readability;
            case COHERENCE -> coherence;
            case CREATIVITY -> creativity;
        };
    }

    /** Share of stories scoring {@code value} (0–3) on a criterion. */
    public double share(Criterion c, int value) {
        return stories.isEmpty() ? Double.NaN : stories.stream().filter(s -> s.get(c) == value).count() / (double) stories.size();
    }
}
