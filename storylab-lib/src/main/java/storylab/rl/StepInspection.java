package storylab.rl;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.display.Renderers;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A look inside one RL step: the next step of a run is taken as usual (it counts, and the weights move), and
 * everything the update saw is kept, per token and per story: the sampled token, its log-probability under the
 * policy that wrote it and under the frozen reference, the per-token KL (the run's estimator), the per-token
 * reward (PPO: −β·KL, plus the story's reward on its last token), the value head's estimate (PPO), the
 * advantage the update used, and the ratio π_new/π_old after the update with whether the clipped objective
 * binds there (A &gt; 0 and ratio &gt; 1+ε, or A &lt; 0 and ratio &lt; 1−ε).
 * <pre>{@code
 * var inside = StepInspection.of(Rl.of(student, tok, teacher).algorithm(Algorithm.GRPO).display(false));
 * inside.stories()      // one row per story: group, reward, advantage, KL, share of clipped tokens
 * inside.tokens()       // one row per token
 * inside.chart(0)       // advantage, KL and ratio − 1 along story 0
 * }</pre>
 * Preference algorithms (SimPO, DPO) learn from pairs, not advantages: their advantage and ratio columns are NaN.
 */
public final class StepInspection implements Displayable {

    private final Algorithm algorithm;
    private final int step;
    private final double beta, clip;
    private final KlEstimator estimator;
    private final int groupSize;
    private final List<String> prompts, texts;
    private final List<String[]> pieces;
    private final boolean[] truncated;
    private final double[] rewards, scores;
    private final float[][] policy, reference, after, tokenRewards, values, advantages;

    private StepInspection(Rl.Context c, Rl.Scored scored, Rollout.TokenLogProbs afterUpdate) {
        var cfg = c.config();
        this.algorithm = cfg.algorithm();
        this.step = c.step() + 1;
        this.beta = c.beta;
        this.clip = algorithm == Algorithm.PPO ? cfg.ppo().clipRange() : cfg.group().clipRange();
        this.estimator = cfg.kl().estimator();
        this.groupSize = algorithm.grouped() ? cfg.group().k() : 1;
        var r = c.rollout;
        this.prompts = r.prompts();
        this.texts = r.texts();
        this.truncated = r.truncated().clone();
        this.pieces = new ArrayList<>();
        for (int[] story : r.tokens()) {
            String[] p = new String[story.length];
            for (int j = 0; j < story.length; j++) p[j] = c.rl.tokenizer().decode(new int[] {story[j]});
            pieces.add(p);
        }
        this.rewards = scored.rewards().clone();
        this.scores = scored.scores().clone();
        this.policy = c.logProbs.policy();
        this.reference = c.logProbs.reference();
        this.values = c.logProbs.values();
        this.after = afterUpdate.policy();
        this.tokenRewards = c.tokenRewards;
        this.advantages = c.advantages;
    }

    /** Takes the next step of {@code rl} and keeps what its update saw; null if interrupted while sampling. */
    public static StepInspection of(Rl rl) {
        var seen = new StepInspection[1];
        rl.stepInspected((c, scored) -> {
            // The update is done: the policy's log-probs now give the ratio each token ended the step with.
            var now = c.rollout.logProbs(c.policy(), c.rl.reference(), null, c.batch, c.config().optim().miniBatch(), Halves.sequential());
            seen[0] = new StepInspection(c, scored, now);
        });
        return seen[0];
    }

    public Algorithm algorithm() { return algorithm; }
    public int step() { return step; }
    public int size() { return texts.size(); }

    /** One row per story: its group (the prompt's k stories, GRPO/RLOO), reward, summed KL, mean advantage, clipped share. */
    public Table stories() {
        var t = Table.create(algorithm + " step " + step + ": stories",
                IntColumn.create("story"), IntColumn.create("group"), StringColumn.create("prompt"), StringColumn.create("story text"),
                IntColumn.create("tokens"), BooleanColumn.create("cut off"), DoubleColumn.create("score"), DoubleColumn.create("reward"),
                DoubleColumn.create("kl"), DoubleColumn.create("advantage"), DoubleColumn.create("clipped share"));
        for (int i = 0; i < size(); i++) {
            int n = policy[i].length, clipped = 0;
            double kl = 0, adv = 0;
            for (int j = 0; j < n; j++) {
                kl += estimator.of(policy[i][j], reference[i][j]);
                adv += advantage(i, j);
                if (clipped(i, j)) clipped++;
            }
            t.intColumn("story").append(i);
            t.intColumn("group").append(i / groupSize);
            t.stringColumn("prompt").append(prompts.get(i));
            t.stringColumn("story text").append(texts.get(i));
            t.intColumn("tokens").append(n);
            t.booleanColumn("cut off").append(truncated[i]);
            t.doubleColumn("score").append(scores[i]);
            t.doubleColumn("reward").append(rewards[i]);
            t.doubleColumn("kl").append(kl);
            t.doubleColumn("advantage").append(adv / n);
            t.doubleColumn("clipped share").append((double) clipped / n);
        }
        return t;
    }

    /** One row per sampled token of every story. */
    public Table tokens() {
        var t = Table.create(algorithm + " step " + step + ": tokens",
                IntColumn.create("story"), IntColumn.create("position"), StringColumn.create("token"),
                DoubleColumn.create("policy logp"), DoubleColumn.create("reference logp"), DoubleColumn.create("kl"),
                DoubleColumn.create("reward"), DoubleColumn.create("value"), DoubleColumn.create("advantage"),
                DoubleColumn.create("ratio"), BooleanColumn.create("clipped"));
        for (int i = 0; i < size(); i++) for (int j = 0; j < policy[i].length; j++) addToken(t, i, j);
        return t;
    }

    /** The tokens of one story. */
    public Table tokens(int story) {
        check(story);
        var all = tokens();
        return all.where(all.intColumn("story").isEqualTo(story)).setName(algorithm + " step " + step + ": story " + story);
    }

    private void addToken(Table t, int i, int j) {
        t.intColumn("story").append(i);
        t.intColumn("position").append(j);
        t.stringColumn("token").append(pieces.get(i)[j]);
        t.doubleColumn("policy logp").append(policy[i][j]);
        t.doubleColumn("reference logp").append(reference[i][j]);
        t.doubleColumn("kl").append(estimator.of(policy[i][j], reference[i][j]));
        t.doubleColumn("reward").append(tokenRewards == null ? Double.NaN : tokenRewards[i][j]);
        t.doubleColumn("value").append(values == null ? Double.NaN : values[i][j]);
        t.doubleColumn("advantage").append(advantage(i, j));
        t.doubleColumn("ratio").append(ratio(i, j));
        t.booleanColumn("clipped").append(clipped(i, j));
    }

    /** Advantage, KL and ratio − 1 along one story's tokens. */
    public XYChart chart(int story) {
        check(story);
        int n = policy[story].length;
        double[] x = new double[n], adv = new double[n], kl = new double[n], ratio = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = j;
            adv[j] = advantage(story, j);
            kl[j] = estimator.of(policy[story][j], reference[story][j]);
            ratio[j] = ratio(story, j) - 1;
        }
        var chart = new XYChartBuilder().width(640).height(320)
                .title(algorithm + " step " + step + ", story " + story + String.format(" (reward %.2f)", rewards[story]))
                .xAxisTitle("token").yAxisTitle("per token").build();
        chart.getStyler().setMarkerSize(3);
        if (!Double.isNaN(adv[0])) chart.addSeries("advantage", x, adv).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("KL (" + estimator.name().toLowerCase() + ")", x, kl).setMarker(SeriesMarkers.NONE);
        if (!Double.isNaN(ratio[0])) chart.addSeries(String.format("ratio − 1 (clip ±%.2f)", clip), x, ratio).setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** Every story's reward against its advantage: in a group algorithm, a story only gains by beating its group. */
    public XYChart rewardsAndAdvantages() {
        var stories = stories();
        var chart = new XYChartBuilder().width(520).height(320).title(algorithm + " step " + step + ": reward → advantage")
                .xAxisTitle("reward").yAxisTitle("mean advantage over the story's tokens").build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        int groups = (size() + groupSize - 1) / groupSize;
        for (int g = 0; g < groups && g < 12; g++) {
            var rows = stories.where(stories.intColumn("group").isEqualTo(g));
            chart.addSeries(groupSize > 1 ? "group " + g : "stories", rows.doubleColumn("reward").asDoubleArray(), rows.doubleColumn("advantage").asDoubleArray());
            if (groupSize == 1) break;
        }
        return chart;
    }

    private double advantage(int i, int j) {
        return advantages == null ? Double.NaN : advantages[i][j];
    }

    private double ratio(int i, int j) {
        return advantages == null ? Double.NaN : Math.exp(after[i][j] - policy[i][j]);
    }

    private boolean clipped(int i, int j) {
        double a = advantage(i, j), r = ratio(i, j);
        return (a > 0 && r > 1 + clip) || (a < 0 && r < 1 - clip);
    }

    private void check(int story) {
        if (story < 0 || story >= size()) throw new IllegalArgumentException("story " + story + " is not in this step: it has stories 0–" + (size() - 1));
    }

    @Override
    public String toString() {
        long tokens = 0, clipped = 0;
        double kl = 0;
        for (int i = 0; i < size(); i++)
            for (int j = 0; j < policy[i].length; j++) {
                tokens++;
                kl += estimator.of(policy[i][j], reference[i][j]);
                if (clipped(i, j)) clipped++;
            }
        return String.format("%s step %d: %d stories%s, %d tokens; β %.3f, mean KL %.3f per story; %.1f%% of tokens clipped after the update (ε %.2f)",
                algorithm, step, size(), groupSize > 1 ? " in groups of " + groupSize : "", tokens, beta, kl / Math.max(1, size()),
                100.0 * clipped / Math.max(1, tokens), clip);
    }

    @Override
    public MimeBundle toMimeBundle() {
        var stories = Renderers.render(stories());
        return MimeBundle.text(toString() + "\n" + stories.plain()).with(MimeBundle.HTML, "<p>" + storylab.display.Html.escape(toString()) + "</p>" + stories.get(MimeBundle.HTML));
    }
}
