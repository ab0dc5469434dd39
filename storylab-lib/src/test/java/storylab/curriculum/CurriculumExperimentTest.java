package storylab.curriculum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import storylab.experiment.Claim;
import storylab.experiment.Experiments;

class CurriculumExperimentTest {

    private static CurriculumExperiment.Result result(double[] baseline, double[] forward, double[] reverse) {
        var m = new LinkedHashMap<String, double[]>();
        m.put(CurriculumExperiment.BASELINE, baseline);
        m.put(CurriculumExperiment.FORWARD, forward);
        m.put(CurriculumExperiment.REVERSE, reverse);
        return new CurriculumExperiment.Result(m);
    }

    @Test
    void paperBsClaimsHoldOnlyWhenTheNumbersSaySo() {
        var holds = CurriculumExperiment.claims(result(new double[] {.2, .2, .2, .2, .2}, new double[] {.2, .3, .35, .4, .5}, new double[] {.2, .25, .3, .3, .35}));
        assertEquals(Claim.Verdict.HOLDS, holds.get(0).verdict(), holds.get(0).found());
        assertEquals(Claim.Verdict.HOLDS, holds.get(1).verdict());
        var flat = CurriculumExperiment.claims(result(new double[] {.2, .2, .2, .2, .2}, new double[] {.23, .23, .23, .23, .23}, new double[] {.24, .24, .24, .24, .24}));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, flat.get(0).verdict(), "no difference between levels");
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, flat.get(1).verdict());
    }

    @Test
    void reproduceFindsTheCurriculumExperiment() {
        assertTrue(Experiments.all().stream().anyMatch(e -> e.name().equals("curriculum")));
    }
}
