package storylab.bench;

import java.nio.file.Path;
import storylab.Scale;
import storylab.data.world.StoryWorld;
import storylab.experiment.ExperimentPlan;
import storylab.experiment.Pretraining;
import storylab.experiment.RunStore;
import storylab.train.Checkpoint;

/**
 * What a pretraining recipe buys at the same word budget: the workshop plan's student pretrained with each given
 * batch size (windows per step; the plan's learning rate unless one follows as BATCH:LR), with its training time,
 * its last training losses and, at every checkpoint, the minimal-pair and entity-tracking accuracies (300 items
 * each, as in ProbeStudents). Runs are kept in DIR's run store, so a second call only probes.
 *
 *   java ... storylab.bench.StudentRecipes DIR BATCH[:LR]...      (e.g. runs/recipes 16 8 4:2e-3)
 */
public final class StudentRecipes {

    public static void main(String[] args) throws Exception {
        storylab.display.Display.install(new storylab.display.RecordingSink());
        var store = RunStore.at(Path.of(args[0]));
        var plan = ExperimentPlan.at(Scale.WORKSHOP);
        var world = StoryWorld.seed(plan.worldSeed()); // probes come from stories far down the stream, never trained on
        var pairs = world.minimalPairs(300);
        var cast = world.entityTracking(300);
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split(":");
            int batch = Integer.parseInt(spec[0]);
            double lr = spec.length > 1 ? Double.parseDouble(spec[1]) : plan.lr();
            var pre = Pretraining.run(store, plan.withTraining(batch, lr), false);
            var loss = pre.curveLoss();
            double last = loss.subList(Math.max(0, loss.size() - 3), loss.size()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf("batch %d, lr %.0e: pretraining %.0f s, training loss %.3f (mean of the last 3 logged)%n", batch, lr, pre.seconds(), last);
            for (var c : pre.checkpoints())
                System.out.printf("  %,9d words: %s%n", c.words(), ProbeStudents.probe(Checkpoint.locate(store.root().resolve(c.folder())), pairs, cast));
        }
    }
}
