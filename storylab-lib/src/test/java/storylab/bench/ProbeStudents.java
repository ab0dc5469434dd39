package storylab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import storylab.data.world.EntityQuestion;
import storylab.data.world.MinimalPair;
import storylab.data.world.StoryWorld;
import storylab.experiment.Competence;
import storylab.train.Checkpoint;

/**
 * Can the formal-competence probes move? Measures minimal pairs, entity tracking in story-world stories and
 * the hand-over probe at every checkpoint of a pretraining run (by default the README's workshop student,
 * trained first if absent), each accuracy with its 95 % Wilson interval and the probe's chance level.
 *
 * With WORDS, a run folder without checkpoints first gets a student of the same recipe pretrained on WORDS
 * words (checkpoints at a fifth, half and all of it): to see whether a probe moves with longer training.
 *
 *   java ... storylab.bench.ProbeStudents [RUN_DIR] [QUESTIONS] [WORDS]
 */
public final class ProbeStudents {

    public static void main(String[] args) throws IOException {
        storylab.display.Display.install(new storylab.display.RecordingSink());
        Path run = Path.of(args.length > 0 ? args[0] : "runs/workshop-student");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        if (args.length == 0) WorkshopStudent.checkpoint(run);
        if (args.length > 2) WorkshopStudent.train(run, Long.parseLong(args[2]));
        var world = StoryWorld.seed(42); // the workshop student's world; probes come from stories it never saw
        var pairs = world.minimalPairs(n);
        var cast = world.entityTracking(n);
        var handOvers = world.handOvers(n, 3);
        System.out.printf("%-12s %-26s %-26s %-26s%n", "checkpoint", "minimal pairs (chance .5)", "entity tracking (chance .5)", "hand-overs (chance .33)");
        try (Stream<Path> s = Files.list(run)) {
            for (Path cp : s.filter(p -> Files.isRegularFile(p.resolve("state.json"))).sorted().toList()) {
                try (var model = Checkpoint.readModel(cp)) {
                    var tok = Checkpoint.readTokenizer(cp);
                    var c = Competence.measure(model, tok, pairs, cast);
                    var h = Competence.measure(model, tok, java.util.List.of(), handOvers);
                    System.out.printf("%-12s %-26s %-26s %-26s%n", cp.getFileName(), wilson(c.minimalPairs(), n), wilson(c.entityTracking(), n), wilson(h.entityTracking(), n));
                }
            }
        }
    }

    /** A checkpoint's minimal-pair and entity-tracking accuracies, each with its Wilson interval, and the tracking probe's chance. */
    static String probe(Path checkpoint, List<MinimalPair> pairs, List<EntityQuestion> cast) throws IOException {
        try (var model = Checkpoint.readModel(checkpoint)) {
            var m = Competence.measure(model, Checkpoint.readTokenizer(checkpoint), pairs, cast);
            return String.format("minimal pairs %s, entity tracking %s (chance %.2f)", wilson(m.minimalPairs(), pairs.size()),
                    wilson(m.entityTracking(), cast.size()), m.entityChance());
        }
    }

    /** "p [lo, hi]": the 95 % Wilson score interval of a proportion p over n trials. */
    static String wilson(double p, int n) {
        double z = 1.96, d = 1 + z * z / n, centre = (p + z * z / (2 * n)) / d, half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return String.format("%.3f [%.3f, %.3f]", p, centre - half, centre + half);
    }
}
