package storylab.rl;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import storylab.model.Torch;
import storylab.teacher.Reward;

/**
 * SimPO and DPO, online: of the k stories the student wrote for a prompt, the teacher's best is "chosen" (w)
 * and its worst "rejected" (l); groups whose stories all score the same give no pair. With s(y) = Σ_t log π(y_t):
 * <pre>
 *   SimPO: L = −log σ( β·s(y_w)/|y_w| − β·s(y_l)/|y_l| − γ )
 *   DPO:   L = −log σ( β·[(s(y_w) − s_ref(y_w)) − (s(y_l) − s_ref(y_l))] )
 * </pre>
 * SimPO needs no reference (its length normalisation keeps it from favouring long or short stories); DPO
 * keeps the policy near the reference through the log-ratio.
 */
final class PreferencePairs implements Rl.Update {

    /** 8 prompts × 4 stories, pairs from each group, β 2 and γ 0.5 (SimPO's paper range). */
    static RlConfig simpo() {
        return Grpo.workshop().algorithm(Algorithm.SIMPO).optim(new RlConfig.Optim(1e-5, 32, 8, 1, 1.0))
                .reward(new RlConfig.Rewarding(Reward.paper(), Truncation.lastSentence(1), false))
                .preference(new RlConfig.Preference(2.0, 0.5));
    }

    /** The same pairs with DPO's loss, β 0.1 (TRL's default). */
    static RlConfig dpo() {
        return simpo().algorithm(Algorithm.DPO).preference(new RlConfig.Preference(0.1, 0));
    }

    @Override
    public RlStep.Update update(Rl.Context c, double[] rewards) {
        var cfg = c.config();
        int B = rewards.length, k = cfg.group().k();
        var pairs = new ArrayList<int[]>();
        for (int g = 0; g < B; g += k) {
            int best = g, worst = g;
            for (int i = g; i < g + k; i++) {
                if (rewards[i] > rewards[best]) best = i;
                if (rewards[i] < rewards[worst]) worst = i;
            }
            if (rewards[best] > rewards[worst]) pairs.add(new int[] {best, worst});
        }
        if (pairs.isEmpty()) return RlStep.Update.withoutValueHead(Double.NaN, 0, 0);
        var lp = c.logProbs;
        boolean simpo = cfg.algorithm() == Algorithm.SIMPO;
        double beta = cfg.preference().beta(), margin = cfg.preference().margin();
        int perBatch = Math.max(1, cfg.optim().miniBatch() / 2);
        double loss = 0, akl = 0;
        int updates = 0;
        var rng = new java.util.Random(c.seed());
        for (int epoch = 0; epoch < cfg.optim().epochs(); epoch++) {
            int[] order = Rl.permutation(pairs.size(), rng);
            for (int from = 0; from < order.length; from += perBatch) {
                int n = Math.min(perBatch, order.length - from);
                int[] rows = new int[2 * n];
                float[] lengths = new float[2 * n], refSums = new float[2 * n];
                for (int p = 0; p < n; p++)
                    for (int side = 0; side < 2; side++) {
                        int i = pairs.get(order[from + p])[side];
                        rows[2 * p + side] = i;
                        lengths[2 * p + side] = lp.policy()[i].length;
                        for (float r : lp.reference()[i]) refSums[2 * p + side] += r;
                    }
                try (var m = NDManager.newBaseManager()) {
                    float[][] none = new float[B][];
                    for (int i = 0; i < B; i++) none[i] = new float[lp.policy()[i].length];
                    var x = c.batch.select(m, rows, lp.policy(), null, null, none, null);
                    var len = m.create(lengths);
                    var ref = m.create(refSums);
                    var holder = new float[1];
                    loss += c.gradientStep(() -> {
                        var logp = c.policy().logProbsAndHidden(x.inputs(), x.targets()).get(0);
                        var sums = logp.mul(x.mask()).sum(new int[] {1});
                        var s = Torch.times(simpo ? sums.div(len) : sums.sub(ref), beta);
                        var pair = s.reshape(n, 2);
                        var z = pair.get(":, 0").sub(pair.get(":, 1")).sub((float) (simpo ? margin : 0));
                        holder[0] = logp.sub(x.oldLogp()).square().mul(x.mask()).sum().div(x.mask().sum()).mul(0.5f).getFloat();
                        return z.neg().exp().add(1f).log().mean(); // −log σ(z)
                    });
                    akl += holder[0];
                    updates++;
                }
            }
        }
        return RlStep.Update.withoutValueHead(loss / updates, akl / updates, Double.NaN);
    }
}
