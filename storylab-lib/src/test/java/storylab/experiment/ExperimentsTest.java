package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentsTest {

    @Test
    void curriculumClaimsSayNotRunUntilAnExperimentChecksThem() {
        var none = Experiments.withCurriculum(List.of());
        assertEquals(2, none.size());
        assertTrue(none.stream().allMatch(c -> c.verdict() == Claim.Verdict.NOT_RUN));
        var checked = new Claim("B.strong-beats-weak", "s", "p", "BLEU-1 0.5 vs 0.4", Claim.Verdict.HOLDS);
        var extra = new Claim("B.lambda", "λ sweep", "-", "best λ 0.5", Claim.Verdict.HOLDS);
        var merged = Experiments.withCurriculum(List.of(extra, checked));
        assertEquals(List.of("B.strong-beats-weak", "B.weak-to-strong-beats-reverse", "B.lambda"), merged.stream().map(Claim::id).toList());
        assertEquals(Claim.Verdict.HOLDS, merged.get(0).verdict());
        assertEquals(Claim.Verdict.NOT_RUN, merged.get(1).verdict());
    }

    @Test
    void registeredExperimentsAreListedOnceByName() {
        Experiment e = new Experiment() {
            public String name() { return "fake-curriculum"; }
            public Outcome run(Context c) { return new Outcome(Map.of(), Map.of(), List.of()); }
        };
        try {
            Experiments.register(e);
            Experiments.register(e);
            assertEquals(1, Experiments.all().stream().filter(x -> x.name().equals("fake-curriculum")).count());
        } finally {
            Experiments.unregister("fake-curriculum");
        }
        assertTrue(Experiments.all().stream().noneMatch(x -> x.name().equals("fake-curriculum")));
    }
}
