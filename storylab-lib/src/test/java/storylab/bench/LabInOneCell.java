package storylab.bench;

import java.nio.file.Path;
import storylab.display.Display;
import storylab.display.RecordingSink;
import storylab.rl.Ppo;
import storylab.rl.StoryEvaluation;
import storylab.teacher.Teachers;
import storylab.train.Checkpoint;

/**
 * The numbers beside the README's "lab in one cell": its RL line run verbatim from the cell's student
 * ({@link WorkshopStudent}: the same world, tokenizer, model and 1M pretraining words), plus the held-out
 * evaluation before and after.
 *
 *   java ... storylab.bench.LabInOneCell
 */
public final class LabInOneCell {

    public static void main(String[] args) throws Exception {
        Display.install(new RecordingSink());
        Path cp = WorkshopStudent.checkpoint(Path.of("runs/workshop-student"));
        var tok = Checkpoint.readTokenizer(cp);
        var teacher = Teachers.offline();
        try (var student = Checkpoint.readModel(cp)) {
            var before = StoryEvaluation.of(student, tok, teacher, null, StoryEvaluation.Settings.workshop());
            long t0 = System.nanoTime();
            var report = Ppo.of(student, tok, teacher).steps(40).into(Path.of("runs/lab-in-one-cell/ppo")).display(false).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            var after = StoryEvaluation.of(student, tok, teacher, null, StoryEvaluation.Settings.workshop());
            System.out.println(report.summary());
            System.out.printf("held-out before: %s%nheld-out after:  %s%nRL seconds: %.0f%n", before, after, seconds);
        }
    }
}
