package storylab.bench;

import storylab.display.Display;
import storylab.display.RecordingSink;
import storylab.teacher.Teachers;

/** Trains (or finds) the default offline teacher's judge under runs/judge, so the RL benchmarks can use it. */
public final class TrainJudge {
    public static void main(String[] args) {
        Display.install(new RecordingSink());
        long t0 = System.nanoTime();
        var teacher = Teachers.offline();
        System.out.printf("offline teacher ready: %s (%.0f s)%n", teacher, (System.nanoTime() - t0) / 1e9);
    }
}
