package storylab.bench;

/*
 * One PPO step's time split at workshop scale: generation, teacher, reference/value forward, optimisation.
 * Besides wall seconds it prints the process's CPU seconds per step (all threads): on a machine shared with other
 * busy processes wall time mostly measures the others, while CPU seconds stay close to what a quiet machine needs
 * (one thread: about its wall time; two halves side by side: at least half of it).
 *
 *   ./mvnw -B -o -q -pl storylab-lib test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 *   java -Dai.djl.offline=true -cp storylab-lib/target/test-classes:storylab-lib/target/classes:$(cat storylab-lib/target/classpath.txt) \
 *        storylab.bench.PpoBenchmark [steps] [batch] [threads] [offline]
 *
 * By default: an untrained tiny student and the rule teacher (the step's own cost). With {@code offline}: the README's
 * 1M-word workshop student (runs/workshop-student, trained by {@code WorkshopStudent} when absent) and the default
 * offline teacher, whose share of the step issue 11 targets at ≤ 15 %. Run it from a folder where {@code shared/}
 * resolves, or the judge is trained without the Grimm tales.
 *
 * With -Dstorylab.bf16=off the training passes run in fp32 (bf16 matmuls are the default where the CPU has them).
 */

import java.nio.file.Path;
import storylab.data.world.StoryWorld;
import storylab.display.Display;
import storylab.display.RecordingSink;
import storylab.model.Gpt;
import storylab.model.Torch;
import storylab.rl.Ppo;
import storylab.rl.RlStep;
import storylab.teacher.RubricTeacher;
import storylab.teacher.Teacher;
import storylab.teacher.Teachers;
import storylab.text.BpeTokenizer;
import storylab.text.Tokenizer;
import storylab.train.Checkpoint;

public final class PpoBenchmark {

    public static void main(String[] args) throws java.io.IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        if (args.length > 2) Torch.threads(Integer.parseInt(args[2]));
        boolean offline = args.length > 3 && args[3].equals("offline");
        Display.install(new RecordingSink());
        Tokenizer tok;
        Gpt student;
        Teacher teacher;
        if (offline) {
            Path cp = WorkshopStudent.checkpoint(Path.of("runs/workshop-student"));
            tok = Checkpoint.readTokenizer(cp);
            student = Checkpoint.readModel(cp);
            teacher = Teachers.offline();
            System.out.println("teacher: " + teacher); // its judge's texts decide its scores and cost
        } else {
            tok = BpeTokenizer.train(StoryWorld.seed(42).corpus(200_000), 2000);
            student = Gpt.tiny(tok.vocabSize());
            teacher = RubricTeacher.from(StoryWorld.seed(7).stories(2000).map(s -> s.text()).toList());
        }
        String teacherRow = "teacher (" + teacher.name() + ")", target = offline ? "(target ≤ 15%)" : "(target ≤ 5%)";
        try (var model = student) {
            var config = Ppo.workshop().batch(batch, Math.min(8, batch)).steps(steps + 1);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            var cpu = new java.util.ArrayList<Double>();
            long[] last = {os.getProcessCpuTime()};
            var report = Ppo.of(model, tok, teacher).config(config).display(false).onStep(s -> {
                long now = os.getProcessCpuTime();
                cpu.add((now - last[0]) / 1e9);
                last[0] = now;
            }).run();
            var measured = report.steps().subList(1, report.steps().size()); // the first step warms up the JIT
            double gen = avg(measured, s -> s.time().generate()), teach = avg(measured, s -> s.time().teacher()),
                    fwd = avg(measured, s -> s.time().forward()), opt = avg(measured, s -> s.time().optimize());
            double total = gen + teach + fwd + opt;
            System.out.printf("PPO step, %s, batch %d (minibatch %d), %d new tokens, %d steps measured, %d intra-op threads%n",
                    model, batch, config.optim().miniBatch(), config.generation().maxNewTokens(), measured.size(), Torch.threads());
            System.out.printf("  %-28s %8.3f s  %5.1f%%%n", "generation (KV cache)", gen, 100 * gen / total);
            System.out.printf("  %-28s %8.3f s  %5.1f%%   %s%n", teacherRow, teach, 100 * teach / total, target);
            System.out.printf("  %-28s %8.0f words%n", "story length (mean)", measured.stream().mapToDouble(s -> s.length().words()).average().orElse(Double.NaN));
            System.out.printf("  %-28s %8.3f s  %5.1f%%%n", "policy/reference/value fwd", fwd, 100 * fwd / total);
            System.out.printf("  %-28s %8.3f s  %5.1f%%%n", "optimisation (4 epochs)", opt, 100 * opt / total);
            System.out.printf("  %-28s %8.3f s  (%.0f stories/s)%n", "total", total, batch / total);
            var steady = cpu.subList(1, cpu.size());
            System.out.printf("  %-28s %8.3f s  per step (all threads; steps %s)%n", "process CPU", steady.stream().mapToDouble(x -> x).average().orElse(Double.NaN),
                    steady.stream().map(x -> String.format("%.2f", x)).toList());
            System.out.printf("  load average at the end: %s%n", loadAverage());
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double avg(java.util.List<RlStep> steps, java.util.function.ToDoubleFunction<RlStep> f) {
        return steps.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
