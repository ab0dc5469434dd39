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
     */
    record Context(storylab.Scale scale, Path folder, boolean display) {
        public RunStore store() {
            return RunStore.at(folder);
        }
    }

    /** Tables (written as CSV), figures (PNG + SVG) and the claims checked. */
    record Outcome(Map<String, Table> tables, Map<String, Chart<?, ?>> figures, List<Claim> claims) {}
}
