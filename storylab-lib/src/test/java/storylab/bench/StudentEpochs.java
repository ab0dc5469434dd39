package storylab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import storylab.Scale;
import storylab.data.world.StoryWorld;
import storylab.experiment.ExperimentPlan;
import storylab.model.Gpt;
import storylab.text.BpeTokenizer;
import storylab.train.Checkpoint;
import storylab.train.Milestones;
import storylab.train.Pretrain;

/**
 * Words or passes: the workshop plan's student (its tokenizer, shape, batch and learning rate) pretrained on the
 * plan's last budget of story-world words only (600k at the workshop scale), read PASSES times over, with a
 * checkpoint after each pass and the minimal-pair and entity-tracking accuracies at each (300 items, 95 % Wilson
 * intervals, as ProbeStudents). Against ProbeStudents' fresh-data student, it says whether a student tracks
 * entities from seeing many words or from training long enough on a few.
 *
 *   java ... storylab.bench.StudentEpochs DIR PASSES      (e.g. runs/epochs 4)
 */
public final class StudentEpochs {

    public static void main(String[] args) throws Exception {
        storylab.display.Display.install(new storylab.display.RecordingSink());
        Path dir = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        var plan = ExperimentPlan.at(Scale.WORKSHOP);
        long budget = plan.milestones().get(plan.milestones().size() - 1);
        var world = StoryWorld.seed(plan.worldSeed()); // probes come from stories far down the stream, never trained on
        var pairs = world.minimalPairs(300);
        var cast = world.entityTracking(300);
        var corpus = world.corpus(budget);
        var tok = BpeTokenizer.train(world.corpus(plan.bpeWords()), plan.vocab());
        var marks = new ArrayList<Long>();
        for (int p = 1; p <= passes; p++) marks.add(p * budget);
        long t0 = System.nanoTime();
        try (var model = Gpt.create(plan.model().withVocab(tok.vocabSize()).withSeed(plan.seed()))) {
            Files.createDirectories(dir);
            Pretrain.of(model, tok, corpus).words(passes * budget).batch(plan.batch()).lr(plan.lr()).seed(plan.seed())
                    .checkpointsAt(Milestones.of(marks.stream().mapToLong(Long::longValue).toArray())).validationWindows(16).evalEvery(100)
                    .into(dir).display(false).run();
        }
        System.out.printf("%,d words read %d times: pretraining %.0f s%n", budget, passes, (System.nanoTime() - t0) / 1e9);
        for (long w : marks)
            System.out.printf("  %,10d words seen (%d passes): %s%n", w, w / budget,
                    ProbeStudents.probe(Checkpoint.locate(dir.resolve(String.format("words-%011d", w))), pairs, cast));
    }
}
