package storylab.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of (prompt, response) token sequences laid out for one forward pass: row i is prompt + response
 * shifted into inputs/targets and right-padded to the longest row of the minibatch it goes into (a minibatch of
 * short stories costs no more than its longest story). Response token j of row i is predicted at position
 * {@code start[i] + j}; per-token quantities travel as ragged float[row][j] arrays.
 */
final class RolloutBatch {

    /** The tensors of one minibatch, in a step's own manager. */
    record Minibatch(NDArray inputs, NDArray targets, NDArray mask, NDArray oldLogp, NDArray refLogp, NDArray oldValues,
                     NDArray advantages, NDArray returns) {}

    private final long[][] inputs, targets;
    private final int[] start, length;

    private RolloutBatch(long[][] inputs, long[][] targets, int[] start, int[] length) {
        this.inputs = inputs;
        this.targets = targets;
        this.start = start;
        this.length = length;
    }

    static RolloutBatch of(int[][] prompts, int[][] responses, int pad) {
        int B = prompts.length, width = 0;
        for (int i = 0; i < B; i++) width = Math.max(width, prompts[i].length + responses[i].length - 1);
        long[][] in = new long[B][width], tg = new long[B][width];
        int[] start = new int[B], length = new int[B];
        for (int i = 0; i < B; i++) {
            int P = prompts[i].length, R = responses[i].length;
            if (R == 0) throw new IllegalArgumentException("story " + i + " has no tokens");
            java.util.Arrays.fill(in[i], pad);
            java.util.Arrays.fill(tg[i], pad);
            for (int t = 0; t < P + R - 1; t++) {
                in[i][t] = t < P ? prompts[i][t] : responses[i][t - P];
                tg[i][t] = t + 1 < P ? prompts[i][t + 1] : responses[i][t + 1 - P];
            }
            start[i] = P - 1;
            length[i] = R;
        }
        return new RolloutBatch(in, tg, start, length);
    }

    /** Positions rows [from, to) need: their longest prompt + response − 1. */
    private int width(int from, int to) {
        int w = 0;
        for (int i = from; i < to; i++) w = Math.max(w, start[i] + length[i]);
        return w;
    }

    private int width(int[] rows) {
        int w = 0;
        for (int i : rows) w = Math.max(w, start[i] + length[i]);
        return w;
    }

    /** Response tokens in these rows: the positions a minibatch's means are taken over. */
    float tokens(int[] rows) {
        long n = 0;
        for (int i : rows) n += length[i];
        return Math.max(1, n);
    }

    NDArray inputs(NDManager m, int from, int to) {
        return rows(m, inputs, from, to);
    }

    NDArray targets(NDManager m, int from, int to) {
        return rows(m, targets, from, to);
    }

    /** Copies the response positions of a [to−from, width(from, to)] result into out[from..to). */
    void scatter(float[] flat, int from, int to, float[][] out) {
        int width = width(from, to);
        for (int i = from; i < to; i++) {
            out[i] = new float[length[i]];
            System.arraycopy(flat, (i - from) * width + start[i], out[i], 0, length[i]);
        }
    }

    /** The rows of a minibatch; a per-token array that is null (no value head, no returns) comes as zeros. */
    Minibatch select(NDManager m, int[] rows, float[][] oldLogp, float[][] refLogp, float[][] oldValues, float[][] advantages, float[][] returns) {
        int b = rows.length, width = width(rows);
        long[] in = new long[b * width], tg = new long[b * width];
        float[] mask = new float[b * width], lp = new float[b * width], rf = new float[b * width], v = new float[b * width],
                a = new float[b * width], r = new float[b * width];
        for (int k = 0; k < b; k++) {
            int i = rows[k], off = k * width;
            System.arraycopy(inputs[i], 0, in, off, width);
            System.arraycopy(targets[i], 0, tg, off, width);
            for (int j = 0; j < length[i]; j++) {
                int p = off + start[i] + j;
                mask[p] = 1;
                lp[p] = oldLogp[i][j];
                if (refLogp != null) rf[p] = refLogp[i][j];
                if (oldValues != null) v[p] = oldValues[i][j];
                a[p] = advantages[i][j];
                if (returns != null) r[p] = returns[i][j];
            }
        }
        var shape = new Shape(b, width);
        return new Minibatch(m.create(in, shape), m.create(tg, shape), m.create(mask, shape), m.create(lp, shape),
                m.create(rf, shape), m.create(v, shape), m.create(a, shape), m.create(r, shape));
    }

    private NDArray rows(NDManager m, long[][] data, int from, int to) {
        int width = width(from, to);
        long[] flat = new long[(to - from) * width];
        for (int i = from; i < to; i++) System.arraycopy(data[i], 0, flat, (i - from) * width, width);
        return m.create(flat, new Shape(to - from, width));
    }
}
