package storylab.teacher;

import java.util.Arrays;
import java.util.List;

/**
 * A logistic regression on standardized features: P(real | x) = σ(b + Σ wᵢ·(xᵢ − μᵢ)/σᵢ). The offline judge's
 * heads are these: few features, so the weights stay readable, and each score can name the features that
 * pulled it down ({@link #contributions}).
 */
record Logistic(List<String> features, double[] mean, double[] std, double[] weights, double bias) {

    /**
     * Fits by full-batch gradient descent with an L2 penalty {@code l2} on the weights; {@code x} rows are
     * examples, {@code y} is 1 for real text and 0 for damaged. Classes are weighted to count equally.
     */
    static Logistic fit(List<String> features, double[][] x, int[] y, double l2) {
        int n = x.length, d = features.size();
        if (n == 0) throw new IllegalArgumentException("no examples to fit");
        double[] mu = new double[d], sd = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mu[j] += row[j] / n;
        for (double[] row : x) for (int j = 0; j < d; j++) sd[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / n;
        for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) + 1e-9;
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) z[i][j] = (x[i][j] - mu[j]) / sd[j];
        int pos = 0;
        for (int v : y) pos += v;
        double wPos = n / (2.0 * Math.max(1, pos)), wNeg = n / (2.0 * Math.max(1, n - pos));
        double[] w = new double[d];
        double b = 0, lr = 0.5;
        for (int it = 0; it < 600; it++) {
            double[] g = new double[d];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(b + dot(w, z[i]));
                double e = (p - y[i]) * (y[i] == 1 ? wPos : wNeg) / n;
                gb += e;
                for (int j = 0; j < d; j++) g[j] += e * z[i][j];
            }
            for (int j = 0; j < d; j++) w[j] -= lr * (g[j] + l2 * w[j]);
            b -= lr * gb;
        }
        return new Logistic(List.copyOf(features), mu, sd, w, b);
    }

    /** The log-odds that x is real text. */
    double logit(double[] x) {
        double s = bias;
        for (int j = 0; j < weights.length; j++) s += weights[j] * (x[j] - mean[j]) / std[j];
        return s;
    }

    double probability(double[] x) {
        return sigmoid(logit(x));
    }

    /** Each feature's share of the log-odds relative to an average example: negative ones pulled the score down. */
    double[] contributions(double[] x) {
        double[] c = new double[weights.length];
        for (int j = 0; j < c.length; j++) c[j] = weights[j] * (x[j] - mean[j]) / std[j];
        return c;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("Logistic(");
        for (int j = 0; j < weights.length; j++) sb.append(j == 0 ? "" : ", ").append(features.get(j)).append(String.format(" %+.2f", weights[j]));
        return sb.append(String.format(", bias %+.2f)", bias)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Logistic l && features.equals(l.features) && Arrays.equals(mean, l.mean) && Arrays.equals(std, l.std)
                && Arrays.equals(weights, l.weights) && bias == l.bias;
    }

    @Override
    public int hashCode() {
        return features.hashCode() * 31 + Arrays.hashCode(weights);
    }
}
