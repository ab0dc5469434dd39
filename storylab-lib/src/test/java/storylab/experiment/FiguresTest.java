package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FiguresTest {

    static Table threshold() {
        return Table.create("threshold", LongColumn.create("pretrain_words", 1_000, 10_000, 100_000),
                DoubleColumn.create("before", 0.1, 1, 2), DoubleColumn.create("before_std", 0.1, 0.5, 0.6),
                DoubleColumn.create("after", 0.2, 2, 3), DoubleColumn.create("after_std", 0.1, 0.5, 0.5),
                DoubleColumn.create("length_before", 20, 30, 40), DoubleColumn.create("length_after", 25, 50, 60));
    }

    static Table dynamics() {
        return Table.create("dynamics", LongColumn.create("pretrain_words", 1_000, 1_000, 1_000, 10_000, 10_000, 10_000),
                LongColumn.create("interaction_words", 10, 20, 30, 10, 20, 30), DoubleColumn.create("score", 0, 0.5, 1, 1, 2, 3),
                DoubleColumn.create("length", 10, 12, 14, 30, 35, 40), DoubleColumn.create("kl", 0, 0.1, 0.2, 0, 0.3, 0.5),
                DoubleColumn.create("readability", 0, 0, 1, 1, 1, 2), DoubleColumn.create("coherence", 0, 0, 0, 0, 1, 1),
                DoubleColumn.create("creativity", 0, 0, 0, 0, 0, 1));
    }

    @Test
    void figure2HasBeforeAfterWithErrorBarsOnALogAxisAndLengthOnASecondAxis() {
        var c = Figures.startFinish(threshold());
        assertEquals(List.of("before RL", "after RL", "length before", "length after"), List.copyOf(c.getSeriesMap().keySet()));
        assertTrue(c.getStyler().isXAxisLogarithmic());
        assertNotNull(c.getSeriesMap().get("after RL").getExtraValues(), "± std error bars");
        assertEquals(1, c.getSeriesMap().get("length after").getYAxisGroup());
        assertEquals("story length (words)", c.getYAxisGroupTitle(1));
        assertEquals("pretraining words", c.getXAxisTitle());
    }

    @Test
    void figure3DrawsARawAndASmoothedCurvePerCheckpoint() {
        var panels = Figures.dynamics(dynamics());
        assertEquals(3, panels.size());
        var score = panels.get(0);
        assertEquals(List.of("1.00k words (raw)", "1.00k words", "10.0k words (raw)", "10.0k words"), List.copyOf(score.getSeriesMap().keySet()));
        assertEquals("interaction words", score.getXAxisTitle());
        assertEquals("kl", panels.get(2).getYAxisTitle());
        assertEquals(2, Figures.scoreAgainstLength(dynamics()).getSeriesMap().size());
    }

    @Test
    void smoothingKeepsAConstantAndFlattensANoisyCurve() {
        assertArrayEquals(new double[] {2, 2, 2, 2}, Figures.smooth(new double[] {2, 2, 2, 2}, 1.5), 1e-12);
        double[] s = Figures.smooth(new double[] {0, 4, 0, 4, 0}, 1);
        assertTrue(s[2] > 0.5 && s[2] < 3.5);
    }

    @Test
    void sharesStackScores0To3ForEachCheckpointAndPhase() {
        var t = Table.create("shares", LongColumn.create("pretrain_words"), StringColumn.create("phase"), StringColumn.create("criterion"),
                IntColumn.create("value"), DoubleColumn.create("share"));
        for (var phase : List.of("before", "after"))
            for (int v = 0; v <= 3; v++) {
                var row = t.appendRow();
                row.setLong("pretrain_words", 1000);
                row.setString("phase", phase);
                row.setString("criterion", "coherence");
                row.setInt("value", v);
                row.setDouble("share", 0.25);
            }
        var charts = Figures.shares(t);
        assertEquals(1, charts.size());
        assertEquals(List.of("score 0", "score 1", "score 2", "score 3"), List.copyOf(charts.get(0).getSeriesMap().keySet()));
        assertTrue(charts.get(0).getStyler().isStacked());
    }

    @Test
    void competenceFiguresShowBarsDifferencesAndCurvesWithRlPoints() {
        var t = Table.create("competence", LongColumn.create("pretrain_words", 1_000, 1_000, 10_000, 10_000),
                StringColumn.create("task", "minimal pairs", "entity tracking", "minimal pairs", "entity tracking"),
                DoubleColumn.create("pretrained", 0.6, 0.4, 0.7, 0.5), DoubleColumn.create("rl", 0.61, 0.4, 0.69, 0.5),
                DoubleColumn.create("difference", 0.01, 0, -0.01, 0));
        var bars = Figures.competenceBars(t);
        assertEquals(List.of("pretrained", "after RL"), List.copyOf(bars.get(0).getSeriesMap().keySet()));
        assertEquals(List.of("1.00k words", "10.0k words"), List.copyOf(bars.get(1).getSeriesMap().keySet()));
        var curves = Figures.competenceCurve(t);
        assertEquals(2, curves.size());
        assertTrue(curves.get(0).getStyler().isXAxisLogarithmic());
        assertEquals(List.of("pretrained", "after RL"), List.copyOf(curves.get(0).getSeriesMap().keySet()));
    }

    @Test
    void entityAndAblationChartsAndFilesAreWritten(@TempDir Path dir) throws Exception {
        var stories = Table.create("stories", StringColumn.create("phase", "before", "after"), IntColumn.create("score", 1, 3),
                IntColumn.create("length", 20, 40), DoubleColumn.create("entropy", 3.0, 2.0));
        var e = Figures.entropy(stories);
        assertEquals(List.of("before RL", "after RL"), List.copyOf(e.get(0).getSeriesMap().keySet()));
        var ab = Table.create("ablations", StringColumn.create("group", "reward", "KL"), StringColumn.create("variant", "paper", "fixed β 0.5"),
                DoubleColumn.create("before", 1, 1), DoubleColumn.create("after", 2, 1.5), DoubleColumn.create("length_after", 30, 20));
        var bars = Figures.ablationBars(ab, "score", "ablations");
        assertEquals(List.of("before RL", "after RL"), List.copyOf(bars.getSeriesMap().keySet()));
        Path png = Figures.save(bars, dir, "ablations");
        assertTrue(Files.size(png) > 1000);
        assertTrue(Files.readString(dir.resolve("ablations.svg")).contains("<svg"));
    }
}
