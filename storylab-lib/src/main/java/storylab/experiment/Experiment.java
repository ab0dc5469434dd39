package storylab.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The extension point of {@code storylab reproduce}: an experiment another package contributes (paper B's
 * curriculum order and λ sweep, for one). Register it with {@link Experiments#register} or list the class in
 * {@code META-INF/services/storylab.experiment.Experiment}; the reproduction runs it after its own, writes its
 * tables and figures, and puts its claims in the report. Claims with the ids in {@link Experiments#CURRICULUM_CLAIMS}
 * fill paper B's rows of the report, which otherwise say "not run".
 */
public interface Experiment {

    /** A short name, used for its folder and file names. */
    String name();

    /** Runs (reusing finished runs under {@code context.folder()}) and returns what the report needs. */
    Outcome run(Context context) throws Exception;

    /**
     * Where and at what size to run.
     *
     * @param scale   test, workshop or paper
     * @param folder  this experiment's own folder (a {@link RunStore} root for its runs)
     * @param display show progress and live dashboards
     * @param plan    the reproduction's plan: its seeds (run each, reusing finished runs, and give CIs over them, as
     *                the threshold experiment does) and its data ({@link DataSpec})
     * @param store   the run store at {@code folder}, with the reproduction's code version and stale-run policy
     */
    record Context(storylab.Scale scale, Path folder, boolean display, ExperimentPlan plan, RunStore store) {
        /** The scale's plan, in a fresh store at {@code folder}. */
        public Context(storylab.Scale scale, Path folder, boolean display) {
            this(scale, folder, display, ExperimentPlan.at(scale), RunStore.at(folder));
        }

        /** The first seed. */
        public long seed() {
            return plan.seed();
        }

        /** Every seed of the plan ({@code reproduce --seeds N}). */
        public List<Long> seeds() {
            return plan.seeds();
        }
    }

    /** Tables (written as CSV), figures (PNG + SVG) and the claims checked. */
    record Outcome(Map<String, Table> tables, Map<String, Chart<?, ?>> figures, List<Claim> claims) {}
}
