package storylab.rl;

/**
 * Whitening over every token of a batch, as TRL does it: (x − mean)/sqrt(var + 1e-8) with the unbiased
 * variance; {@code keepMean} adds the mean back (TRL's shift_mean=False, used for rewards).
 */
public final class Whiten {

    private Whiten() {}

    public static float[][] of(float[][] rows, boolean keepMean) {
        double sum = 0;
        long n = 0;
        for (float[] r : rows) for (float x : r) { sum += x; n++; }
        if (n < 2) return copy(rows);
        double mean = sum / n, sq = 0;
        for (float[] r : rows) for (float x : r) sq += (x - mean) * (x - mean);
        double inv = 1.0 / Math.sqrt(sq / (n - 1) + 1e-8);
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new float[rows[i].length];
            for (int t = 0; t < rows[i].length; t++) out[i][t] = (float) ((rows[i][t] - mean) * inv + (keepMean ? mean : 0));
        }
        return out;
    }

    private static float[][] copy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i].clone();
        return out;
    }

    /** One value per story, centred and scaled over the batch: mean 0, std 1 (x − mean when all are equal). */
    public static double[] centred(double[] x) {
        float[][] rows = {new float[x.length]};
        for (int i = 0; i < x.length; i++) rows[0][i] = (float) x[i];
        float[] w = of(rows, false)[0];
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = w[i];
        return out;
    }
}
