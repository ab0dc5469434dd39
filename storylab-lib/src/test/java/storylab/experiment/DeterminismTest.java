package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.Scale;
import storylab.model.MixedPrecision;
import storylab.model.Torch;

/** Same recipe + seed + thread count → the same numbers, computed afresh in two stores; another seed → others. */
class DeterminismTest {

    static ExperimentPlan tiny(long seed) {
        return ExperimentPlan.at(Scale.TEST).withMilestones(List.of(1_500L, 3_000L)).withEval(6, 8, 4).withSeed(seed);
    }

    @Test
    void theSameRecipeSeedAndThreadsGiveTheSameNumbers(@TempDir Path dir) {
        Torch.threads(1);
        String where = " (" + MixedPrecision.describe() + "; " + cpu() + ")"; // which numerics, should this ever fail
        var a = Threshold.of(tiny(42)).into(dir.resolve("a")).display(false).run();
        var b = Threshold.of(tiny(42)).into(dir.resolve("b")).display(false).run();
        assertEquals(2, a.runs().size());
        for (int i = 0; i < a.runs().size(); i++) {
            var ra = a.runs().get(i);
            var rb = b.runs().get(i);
            assertEquals(ra.before(), rb.before(), "before RL, checkpoint " + i + where);
            assertEquals(ra.after(), rb.after(), "after RL, checkpoint " + i + where);
            assertEquals(ra.steps().stream().map(s -> s.objective().kl()).toList(), rb.steps().stream().map(s -> s.objective().kl()).toList(), "PPO's KL per step" + where);
        }
        assertEquals(a.pretraining().curveLoss(), b.pretraining().curveLoss(), "the pretraining loss curve" + where);

        var other = Threshold.of(tiny(43)).into(dir.resolve("c")).display(false).run();
        assertNotEquals(a.pretraining().curveLoss(), other.pretraining().curveLoss(), "another seed is another run");
    }

    /** The CPU's model name, as Linux reports it. */
    static String cpu() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException | UncheckedIOException e) {
            return "unknown CPU";
        }
    }
}
