package storylab.rl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one RL step measured, in small groups a notebook cell can tab through: {@code step.score().mean()},
 * {@code step.objective().kl()}, {@code step.length().words()}, {@code step.time().teacher()},
 * {@code step.best().story()}. {@link #metrics()} flattens them under TRL's metric names (the run's table and
 * {@code metrics.csv}). Numbers an algorithm does not have (a value loss without a value head) are NaN.
 *
 * @param step      the step number, from 1
 * @param totals    what the run had seen by the end of this step
 * @param score     the scores of this step's stories (the teacher's, or the reward function's)
 * @param reward    the rewards the update used
 * @param objective KL to the reference, its coefficient β and the policy's entropy
 * @param update    what the algorithm's update reported
 * @param length    how long the stories were
 * @param time      where the step's time went
 * @param best      the best-scored story of the step
 * @param worst     the worst-scored story of the step
 */
public record RlStep(int step, Totals totals, Score score, Reward reward, Objective objective, Update update,
                     Length length, Time time, ScoredStory best, ScoredStory worst) {

    public RlStep {
        // A step read from a file written before the numbers were grouped has none of the groups.
        String missing = totals == null ? "totals" : score == null ? "score" : reward == null ? "reward" : objective == null ? "objective"
                : update == null ? "update" : length == null ? "length" : time == null ? "time" : best == null ? "best" : worst == null ? "worst" : null;
        if (missing != null)
            throw new IllegalArgumentException("RL step " + step + " has no " + missing + " group" + (totals == null && score == null
                    ? ": it was written by an older StoryLab, whose steps kept their numbers ungrouped, and this version cannot read it" : ""));
    }

    /** Running totals at the end of a step: stories told, the paper's interaction words, and the words the student wrote. */
    public record Totals(long stories, long interactionWords, long studentWords) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d stories, %,d interaction words (the student wrote %,d)", stories, interactionWords, studentWords);
        }
    }

    /**
     * Scores of the step's stories: mean and std of the sum (0–9 from a teacher), the teacher's three criteria
     * (0–3 each; NaN under a reward function), and how many stories the teacher's fallback scored.
     */
    public record Score(double mean, double std, double readability, double coherence, double creativity, long fallbacks) {
        @Override
        public String toString() {
            var s = new StringBuilder(String.format(Locale.ROOT, "score %.2f ± %.2f", mean, std));
            if (!Double.isNaN(readability))
                s.append(String.format(Locale.ROOT, " (readability %.2f, coherence %.2f, creativity %.2f)", readability, coherence, creativity));
            if (fallbacks > 0) s.append(", ").append(fallbacks).append(fallbacks == 1 ? " teacher fallback" : " teacher fallbacks");
            return s.toString();
        }
    }

    /** The rewards the update used: mean and std over the step's stories. */
    public record Reward(double mean, double std) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "reward %.3f ± %.3f", mean, std);
        }
    }

    /** KL to the reference per story (summed over its tokens), the KL coefficient β it was charged at, and the entropy per token. */
    public record Objective(double kl, double beta, double entropy) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "KL %.3f, β %.4f, entropy %.3f/token", kl, beta, entropy);
        }
    }

    /**
     * What the algorithm's update reported, averaged over its minibatches: the policy loss, the approximate KL
     * between the policy before and after, the share of clipped ratios; with a value head (PPO) also its loss,
     * clipped share, the variance of the returns it explains, and the mean value and return.
     */
    public record Update(double policyLoss, double valueLoss, double approxKl, double clipFraction, double valueClipFraction,
                         double varianceExplained, double valueMean, double returnMean) {

        /** An update without a value head: the value numbers are NaN. */
        public static Update withoutValueHead(double policyLoss, double approxKl, double clipFraction) {
            double nan = Double.NaN;
            return new Update(policyLoss, nan, approxKl, clipFraction, nan, nan, nan, nan);
        }

        @Override
        public String toString() {
            var s = new StringBuilder(String.format(Locale.ROOT, "policy loss %.4f, approx KL %.4f", policyLoss, approxKl));
            if (!Double.isNaN(clipFraction)) s.append(String.format(Locale.ROOT, ", %.1f%% clipped", 100 * clipFraction));
            if (!Double.isNaN(valueLoss))
                s.append(String.format(Locale.ROOT, "; value loss %.4f, %.1f%% clipped, variance explained %.3f, value %.3f vs return %.3f",
                        valueLoss, 100 * valueClipFraction, varianceExplained, valueMean, returnMean));
            return s.toString();
        }
    }

    /** Mean story length in words and in tokens, and the share of stories cut off at the token limit. */
    public record Length(double words, double tokens, double truncatedShare) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f words (%.1f tokens) per story, %.0f%% cut off", words, tokens, 100 * truncatedShare);
        }
    }

    /** Seconds spent generating, scoring (the teacher or reward function), in the forward passes, and optimising. */
    public record Time(double generate, double teacher, double forward, double optimize) {
        /** The whole step. */
        public double seconds() {
            return generate + teacher + forward + optimize;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f s (generate %.2f, teacher %.2f, forward %.2f, optimize %.2f)", seconds(), generate, teacher, forward, optimize);
        }
    }

    /** A story of the step with its score. */
    public record ScoredStory(String story, double score) {
        public ScoredStory {
            Objects.requireNonNull(story, "story");
        }

        @Override
        public String toString() {
            String oneLine = story.replaceAll("\\s+", " ").strip();
            return String.format(Locale.ROOT, "%.2f: \"%s\"", score, oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 99) + "…");
        }
    }

    /** The metrics by TRL-style name, in the column order of the run's table. */
    public Map<String, Double> metrics() {
        var m = new LinkedHashMap<String, Double>();
        m.put("step", (double) step);
        m.put("interaction_words", (double) totals.interactionWords());
        m.put("student_words", (double) totals.studentWords());
        m.put("env/score_mean", score.mean());
        m.put("env/score_std", score.std());
        m.put("env/readability", score.readability());
        m.put("env/coherence", score.coherence());
        m.put("env/creativity", score.creativity());
        m.put("env/reward_mean", reward.mean());
        m.put("env/reward_std", reward.std());
        m.put("objective/kl", objective.kl());
        m.put("objective/kl_coef", objective.beta());
        m.put("objective/entropy", objective.entropy());
        m.put("policy/approxkl", update.approxKl());
        m.put("policy/clipfrac", update.clipFraction());
        m.put("loss/policy", update.policyLoss());
        m.put("loss/value", update.valueLoss());
        m.put("val/clipfrac", update.valueClipFraction());
        m.put("val/var_explained", update.varianceExplained());
        m.put("val/mean", update.valueMean());
        m.put("returns/mean", update.returnMean());
        m.put("tokens/response_len_mean", length.tokens());
        m.put("env/response_words", length.words());
        m.put("teacher/fallbacks", (double) score.fallbacks());
        m.put("env/truncated_share", length.truncatedShare());
        m.put("time/generate", time.generate());
        m.put("time/teacher", time.teacher());
        m.put("time/forward", time.forward());
        m.put("time/optimize", time.optimize());
        return m;
    }

    /** One line per group, the best and worst story last. */
    @Override
    public String toString() {
        return "RL step " + step + ": " + totals
                + "\n  " + score + "; " + reward
                + "\n  " + objective
                + "\n  update: " + update
                + "\n  length: " + length
                + "\n  time: " + time
                + "\n  best " + best
                + "\n  worst " + worst;
    }
}
