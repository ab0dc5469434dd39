package storylab.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import storylab.model.Torch;

/**
 * The clipped policy loss of RLOO and GRPO with one advantage per story, in Dr. GRPO's form: token terms are
 * summed and divided by a constant (stories × the token limit), not by each story's own length, so a long
 * story's tokens count as much as a short one's and length is not biased either way:
 * <pre>
 *   L = 1/(n·T_max) · Σ_i Σ_t [ −min(ρ_t·A_i, clip(ρ_t, 1±ε)·A_i) + β·k3_t ],   ρ_t = π/π_old,
 *   k3_t = exp(log π_ref − log π) − (log π_ref − log π) − 1   (GRPO's KL term; β = 0 leaves it out)
 * </pre>
 */
record GroupLoss(NDArray total, float policy, float kl, float clipFraction, float approxKl) {

    static GroupLoss of(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask, int stories, int maxTokens,
                        double clip, double beta) {
        return of(logp, oldLogp, refLogp, advantages, mask, stories, maxTokens, clip, beta, Math.max(1f, mask.sum().getFloat()));
    }

    /** The same for part of a minibatch of {@code stories} stories and {@code tokens} response tokens: its share of the loss. */
    static GroupLoss of(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask, int stories, int maxTokens,
                        double clip, double beta, float tokens) {
        var logRatio = logp.sub(oldLogp);
        var ratio = logRatio.exp();
        var unclipped = advantages.mul(ratio);
        var clipped = advantages.mul(ratio.clip(1 - clip, 1 + clip));
        var pg = unclipped.minimum(clipped).neg();
        float norm = (float) stories * maxTokens;
        var policy = pg.mul(mask).sum().div(norm);
        var d = refLogp.sub(logp);
        var k3 = d.exp().sub(d).sub(1f);
        var kl = k3.mul(mask).sum().div(norm);
        var total = beta > 0 ? policy.add(Torch.times(kl, beta)) : policy;
        float[] diagnostics = NDArrays.stack(new NDList(policy, kl,
                clipped.lt(unclipped).toType(DataType.FLOAT32, false).mul(mask).sum().div(tokens),
                logRatio.square().mul(mask).sum().div(tokens).mul(0.5f))).toFloatArray();
        return new GroupLoss(total, diagnostics[0], diagnostics[1], diagnostics[2], diagnostics[3]);
    }

    /** One update pass: the story advantages broadcast over their tokens, epochs over shuffled minibatches. */
    static RlStep.Update train(Rl.Context c, double[] storyAdvantages, double beta) {
        var cfg = c.config();
        var lp = c.logProbs;
        int B = storyAdvantages.length, mb = cfg.optim().miniBatch();
        float[][] adv = new float[B][];
        for (int i = 0; i < B; i++) {
            adv[i] = new float[lp.policy()[i].length];
            java.util.Arrays.fill(adv[i], (float) storyAdvantages[i]);
        }
        c.used(null, adv);
        var rng = new java.util.Random(c.seed());
        double pl = 0, cf = 0, akl = 0;
        int updates = 0;
        for (int epoch = 0; epoch < cfg.optim().epochs(); epoch++) {
            int[] order = Rl.permutation(B, rng);
            for (int from = 0; from < B; from += mb) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(B, from + mb));
                float tokens = c.batch.tokens(rows);
                var parts = new GroupLoss[2];
                c.gradientStep(rows, (half, part, m) -> {
                    var x = c.batch.select(m, part, lp.policy(), lp.reference(), null, adv, null);
                    var logp = c.policy().logProbsAndHidden(x.inputs(), x.targets()).get(0);
                    parts[half] = of(logp, x.oldLogp(), x.refLogp(), x.advantages(), x.mask(), rows.length, cfg.generation().maxNewTokens(),
                            cfg.group().clipRange(), beta, tokens);
                    return parts[half].total();
                });
                for (var l : parts) {
                    if (l == null) continue; // an empty half
                    pl += l.policy();
                    cf += l.clipFraction();
                    akl += l.approxKl();
                }
                updates++;
            }
        }
        return RlStep.Update.withoutValueHead(pl / updates, akl / updates, cf / updates);
    }
}
