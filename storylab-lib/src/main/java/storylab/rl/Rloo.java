package storylab.rl;

import storylab.teacher.Reward;

/**
 * RLOO (REINFORCE leave-one-out): k stories per prompt; the KL to the reference goes into each story's reward,
 * and each story is compared with the mean of the other k − 1 stories of its prompt:
 * <pre>
 *   R_i = r_i − β·Σ_t KL_t,      A_i = R_i − 1/(k−1)·Σ_{j≠i} R_j
 * </pre>
 * then the clipped loss of {@link GroupLoss} with A_i on every token of story i. No value head: the other
 * stories of the same prompt are the baseline, so a story only gains when it beats its siblings.
 */
final class Rloo implements Rl.Update {

    /** 8 prompts × 4 stories per step, one epoch in minibatches of 8, β 0.05 on the story's summed KL. */
    static RlConfig workshop() {
        var p = Ppo.workshop();
        return p.algorithm(Algorithm.RLOO)
                .optim(new RlConfig.Optim(1e-5, 32, 8, 1, 1.0))
                .kl(RlConfig.KlPenalty.fixed(0.05, KlEstimator.K1))
                .reward(new RlConfig.Rewarding(Reward.paper(), Truncation.lastSentence(1), false))
                .group(new RlConfig.Group(4, 0.2));
    }

    @Override
    public RlStep.Update update(Rl.Context c, double[] rewards) {
        var lp = c.logProbs;
        int B = rewards.length, k = c.config().group().k();
        double[] total = new double[B];
        for (int i = 0; i < B; i++) {
            double kl = 0;
            for (int j = 0; j < lp.policy()[i].length; j++) kl += c.config().kl().estimator().of(lp.policy()[i][j], lp.reference()[i][j]);
            total[i] = rewards[i] - c.beta * kl;
        }
        return GroupLoss.train(c, advantages(total, k), 0);
    }

    /** A_i = R_i − mean of the other k − 1 rewards of its group (groups are k adjacent stories). */
    static double[] advantages(double[] rewards, int k) {
        double[] adv = new double[rewards.length];
        for (int g = 0; g < rewards.length; g += k) {
            double sum = 0;
            for (int i = g; i < g + k; i++) sum += rewards[i];
            for (int i = g; i < g + k; i++) adv[i] = rewards[i] - (sum - rewards[i]) / (k - 1);
        }
        return adv;
    }
}
