package storylab.rl;

import java.util.List;
import java.util.Random;
import storylab.model.Gpt;
import storylab.teacher.Reward;
import storylab.teacher.Teacher;
import storylab.text.Tokenizer;

/**
 * Paper A's PPO, as TRL's legacy trainer runs it:
 * <ol>
 *   <li>per-token rewards r_t = −β·KL_t(π ‖ π_ref), plus the story's reward R on its last token;</li>
 *   <li>GAE: δ_t = r_t + γ·V_{t+1} − V_t, A_t = δ_t + γλ·A_{t+1}, value targets A_t + V_t;</li>
 *   <li>a few epochs of the clipped objective on minibatches:
 *       L = mean(max(−A·ρ, −A·clip(ρ, 1±ε))) + c_v·½·mean(max((V − R)², (V_clip − R)²)), ρ = π/π_old.</li>
 * </ol>
 * {@link #paper()} is paper A exactly. {@link #workshop()} changes what made stories shrink at laptop scale:
 * R is centred and scaled over the batch (with R always positive and an untrained critic, the last token —
 * end-of-text — got the largest advantage in every story, so stopping early was reinforced whatever the
 * story); GAE's λ = 1, so every token of a story shares its advantage instead of the last ones taking it all;
 * the value head warms up before the policy moves; cut-off stories are judged up to their last full sentence
 * with an explicit cost instead of the rubric's large "cut off" charge.
 * <pre>{@code
 * var report = Ppo.of(student, tokenizer, teacher).steps(40).into(Lab.runs("ppo")).run();
 * }</pre>
 */
public final class Ppo implements Rl.Update {

    /** PPO with the workshop preset (the README's entry point; {@link Rl#of} with {@link Algorithm#PPO}). */
    public static Rl of(Gpt policy, Tokenizer tokenizer, Teacher teacher) {
        return Rl.of(policy, tokenizer, teacher).config(workshop());
    }

    /** Paper A: lr 1e-6, batch = minibatch = 360, 4 epochs, adaptive KL (0.2, target 6, horizon 10,000), 90 tokens, 920 steps. */
    public static RlConfig paper() {
        return new RlConfig(Algorithm.PPO,
                new RlConfig.Optim(1e-6, 360, 360, 4, 0),
                new RlConfig.Generation(90, 1.0, 0, 1.0),
                new RlConfig.KlPenalty(0.2, true, 6, 10_000, KlEstimator.K1),
                new RlConfig.Rewarding(Reward.paper(), Truncation.asIs(), false),
                new RlConfig.PpoKnobs(0.2, 0.2, 0.1, 1.0, 0.95, true, 0),
                new RlConfig.Group(4, 0.2),
                new RlConfig.Preference(2.0, 0.5),
                new RlConfig.Run(List.of(RlConfig.DEFAULT_PROMPT), 920, 0, false, 3, 42, 50, 600));
    }

    /**
     * Paper A's loop sized for a laptop: batches of 32 in minibatches of 8, 112 new tokens (with a 2k-token BPE
     * that is the ~80 words paper A's 90 tokens of a 16k BPE are), and the repairs described above.
     */
    public static RlConfig workshop() {
        var p = paper();
        return p.optim(new RlConfig.Optim(1e-5, 32, 8, 4, 1.0))
                .generation(new RlConfig.Generation(112, 1.0, 0, 1.0))
                .kl(new RlConfig.KlPenalty(0.05, false, 6, 1_000, KlEstimator.K1))
                .reward(new RlConfig.Rewarding(Reward.paper(), Truncation.lastSentence(1), true))
                .ppo(p.ppo().gae(1.0, 1.0).valueWarmup(2))
                .run(p.run().steps(40).checkpointEvery(10).prompts(Openings.TRAINING));
    }

    @Override
    public RlStep.Update update(Rl.Context c, double[] storyRewards) {
        var cfg = c.config();
        var k = cfg.ppo();
        var lp = c.logProbs;
        int B = storyRewards.length;
        double[] reward = cfg.reward().whiten() ? Whiten.centred(storyRewards) : storyRewards;

        // Per-token rewards: −β·KL on every token, the story's reward on its last one; then GAE.
        float[][] advantages = new float[B][], returns = new float[B][], tokenRewards = new float[B][];
        for (int i = 0; i < B; i++) {
            int n = lp.policy()[i].length;
            float[] r = new float[n];
            for (int j = 0; j < n; j++) r[j] = (float) (-c.beta * cfg.kl().estimator().of(lp.policy()[i][j], lp.reference()[i][j]));
            r[n - 1] += (float) reward[i];
            tokenRewards[i] = r;
            var gae = Gae.of(r, lp.values()[i], k.gamma(), k.lambda());
            advantages[i] = gae.advantages();
            returns[i] = gae.returns();
        }
        if (k.whitenAdvantages()) advantages = Whiten.of(advantages, false);
        c.used(tokenRewards, advantages);

        // Clipped updates, a few epochs over shuffled minibatches; the policy waits while the critic warms up.
        boolean trainPolicy = c.step() >= k.valueWarmup();
        var rng = new Random(c.seed());
        double pl = 0, vl = 0, cf = 0, vcf = 0, akl = 0;
        int updates = 0, mb = cfg.optim().miniBatch();
        for (int epoch = 0; epoch < cfg.optim().epochs(); epoch++) {
            int[] order = Rl.permutation(B, rng);
            for (int from = 0; from < B; from += mb) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(B, from + mb));
                float tokens = c.batch.tokens(rows);
                var parts = new PpoLoss[2];
                float[][] adv = advantages;
                c.gradientStep(rows, (half, part, m) -> {
                    var x = c.batch.select(m, part, lp.policy(), null, lp.values(), adv, returns);
                    var out = c.policy().logProbsAndHidden(x.inputs(), x.targets());
                    parts[half] = PpoLoss.of(out.get(0), x.oldLogp(), c.valueHead().values(out.get(1)), x.oldValues(), x.advantages(),
                            x.returns(), x.mask(), k.clipRange(), k.clipRangeValue(), k.vfCoef(), trainPolicy, tokens);
                    return parts[half].total();
                });
                for (var l : parts) {
                    if (l == null) continue; // an empty half
                    pl += l.policy();
                    vl += l.value();
                    cf += l.clipFraction();
                    vcf += l.valueClipFraction();
                    akl += l.approxKl();
                }
                updates++;
            }
        }
        return stats(lp.values(), returns, pl / updates, vl / updates, akl / updates, cf / updates, vcf / updates);
    }

    /** The TRL diagnostics, with the explained variance of the values against their targets over all story tokens. */
    private static RlStep.Update stats(float[][] values, float[][] returns, double pl, double vl, double akl, double cf, double vcf) {
        double n = 0, rMean = 0, vMean = 0;
        for (int i = 0; i < returns.length; i++) for (int j = 0; j < returns[i].length; j++) { rMean += returns[i][j]; vMean += values[i][j]; n++; }
        rMean /= n;
        vMean /= n;
        double varR = 0, varErr = 0, errMean = rMean - vMean;
        for (int i = 0; i < returns.length; i++)
            for (int j = 0; j < returns[i].length; j++) {
                varR += Math.pow(returns[i][j] - rMean, 2);
                varErr += Math.pow(returns[i][j] - values[i][j] - errMean, 2);
            }
        double explained = varR == 0 ? Double.NaN : 1 - varErr / varR;
        return new RlStep.Update(pl, vl, akl, cf, vcf, explained, vMean, rMean);
    }
}
