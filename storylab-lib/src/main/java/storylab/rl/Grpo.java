package storylab.rl;

import storylab.teacher.Reward;

/**
 * GRPO with the Dr. GRPO loss: k stories per prompt, each story's advantage is its reward minus its group's
 * mean — not divided by the group's std, and the loss not divided by each story's length (both biases
 * Dr. GRPO removes) — and the KL to the reference is a loss term with the k3 estimator:
 * <pre>
 *   A_i = r_i − mean_{j in group} r_j,     L = {@link GroupLoss}(A, β·k3)
 * </pre>
 * β defaults to TRL's GRPO default, 0 (no KL term; the KL is still measured and shown).
 */
final class Grpo implements Rl.Update {

    /** 8 prompts × 4 stories per step, one epoch in minibatches of 8, β = 0 as TRL. */
    static RlConfig workshop() {
        var p = Ppo.workshop();
        return p.algorithm(Algorithm.GRPO)
                .optim(new RlConfig.Optim(1e-5, 32, 8, 1, 1.0))
                .kl(RlConfig.KlPenalty.fixed(0.0, KlEstimator.K3))
                .reward(new RlConfig.Rewarding(Reward.paper(), Truncation.lastSentence(1), false))
                .group(new RlConfig.Group(4, 0.2));
    }

    @Override
    public RlStep.Update update(Rl.Context c, double[] rewards) {
        return GroupLoss.train(c, advantages(rewards, c.config().group().k()), c.beta);
    }

    /** A_i = r_i − the mean of its group (k adjacent stories); no division by the group's std. */
    static double[] advantages(double[] rewards, int k) {
        double[] adv = new double[rewards.length];
        for (int g = 0; g < rewards.length; g += k) {
            double mean = 0;
            for (int i = g; i < g + k; i++) mean += rewards[i] / k;
            for (int i = g; i < g + k; i++) adv[i] = rewards[i] - mean;
        }
        return adv;
    }
}
