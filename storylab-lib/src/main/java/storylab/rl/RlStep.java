package storylab.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one RL step measured, under TRL's metric names where TRL has one (see {@link #metrics()}), plus
 * the best and worst story of the step and where the time went. Numbers an algorithm does not have (a value
 * loss without a value head) are NaN.
 */
public record RlStep(int step, long stories, long interactionWords, long studentWords,
                      double scoreMean, double scoreStd, double readability, double coherence, double creativity,
                      double rewardMean, double rewardStd, double kl, double beta, double entropy,
                      double policyLoss, double valueLoss, double approxKl, double clipFraction,
                      double valueClipFraction, double varianceExplained, double valueMean, double returnMean,
                      double responseWords, double responseTokens, long teacherFallbacks, double truncatedShare,
                      double secondsGenerate, double secondsTeacher, double secondsForward, double secondsOptimize,
                      String bestStory, double bestScore, String worstStory, double worstScore) {

    /** The metrics by TRL-style name, in the column order of the run's table. */
    public Map<String, Double> metrics() {
        var m = new LinkedHashMap<String, Double>();
        m.put("step", (double) step);
        m.put("interaction_words", (double) interactionWords);
        m.put("student_words", (double) studentWords);
        m.put("env/score_mean", scoreMean);
        m.put("env/score_std", scoreStd);
        m.put("env/readability", readability);
        m.put("env/coherence", coherence);
        m.put("env/creativity", creativity);
        m.put("env/reward_mean", rewardMean);
        m.put("env/reward_std", rewardStd);
        m.put("objective/kl", kl);
        m.put("objective/kl_coef", beta);
        m.put("objective/entropy", entropy);
        m.put("policy/approxkl", approxKl);
        m.put("policy/clipfrac", clipFraction);
        m.put("loss/policy", policyLoss);
        m.put("loss/value", valueLoss);
        m.put("val/clipfrac", valueClipFraction);
        m.put("val/var_explained", varianceExplained);
        m.put("val/mean", valueMean);
        m.put("returns/mean", returnMean);
        m.put("tokens/response_len_mean", responseTokens);
        m.put("env/response_words", responseWords);
        m.put("teacher/fallbacks", (double) teacherFallbacks);
        m.put("env/truncated_share", truncatedShare);
        m.put("time/generate", secondsGenerate);
        m.put("time/teacher", secondsTeacher);
        m.put("time/forward", secondsForward);
        m.put("time/optimize", secondsOptimize);
        return m;
    }

    public double seconds() {
        return secondsGenerate + secondsTeacher + secondsForward + secondsOptimize;
    }
}
