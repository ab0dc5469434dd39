package storylab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storylab.display.Display;
import storylab.display.RecordingSink;
import storylab.rl.Algorithm;
import storylab.rl.KlEstimator;
import storylab.rl.Ppo;
import storylab.rl.Rl;
import storylab.rl.RlConfig;
import storylab.rl.StoryEvaluation;
import storylab.rl.Truncation;
import storylab.teacher.Judge;
import storylab.teacher.OfflineTeacher;
import storylab.teacher.Reward;
import storylab.teacher.Teachers;
import storylab.teacher.Teacher;
import storylab.train.Checkpoint;

/**
 * RL from the workshop student (see {@link WorkshopStudent}), one named variant and seed per run, each judged
 * by {@link StoryEvaluation} before and after (held-out prompts, fixed sampling, 3 sampling seeds). Appends
 * one row per run (wall and CPU seconds: on a shared machine CPU time is the honest cost) to runs/rl-sweep/TEACHER/results.csv and the run's per-step metrics to runs/rl-sweep/TEACHER/steps/ (TEACHER: rubric, or offline-judge-vN for the offline teacher with judge version N).
 *
 *   java [-Dteacher=offline|rubric] ... storylab.bench.RlSweep VARIANT[,VARIANT…] SEEDS [STEPS]
 *   e.g. storylab.bench.RlSweep ppo-old,ppo 1 20      (variants: see VARIANTS)
 */
public final class RlSweep {

    /** PPO as it was before issue 12: the old workshop preset (lr 3e-5, adaptive β 0.05 → 6, λ 0.95, teacher sees cut text). */
    static RlConfig ppoOld() {
        return Ppo.paper().lr(3e-5).batch(32, 8).kl(new RlConfig.KlPenalty(0.05, true, 6, 1_000, KlEstimator.K1))
                .sampling(112, 1.0, 0, 1.0).steps(40).checkpointEvery(0);
    }

    /** Seeds 42, 43, …: seed 42 is the presets' own, so the first run of a preset is what {@code Ppo.of(…).run()} does. */
    static final long FIRST_SEED = Long.getLong("firstSeed", 42);

    static final Map<String, java.util.function.Supplier<RlConfig>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("ppo-old", RlSweep::ppoOld);
        VARIANTS.put("ppo-old-beta0-lr1e-5", () -> ppoOld().fixedKl(0).lr(1e-5));
        VARIANTS.put("ppo-old-whiten", () -> ppoOld().reward(ppoOld().reward().whiten(true)));
        VARIANTS.put("ppo-old-truncation", () -> ppoOld().reward(ppoOld().reward().truncation(Truncation.lastSentence(1))));
        VARIANTS.put("ppo-old-lambda1-warmup", () -> ppoOld().ppo(ppoOld().ppo().gae(1, 1).valueWarmup(2)));
        VARIANTS.put("ppo", () -> Ppo.workshop().checkpointEvery(0));
        VARIANTS.put("ppo-40steps", () -> Ppo.workshop().checkpointEvery(0).steps(40));
        VARIANTS.put("ppo-no-whiten", () -> Ppo.workshop().checkpointEvery(0).reward(Ppo.workshop().reward().whiten(false)));
        VARIANTS.put("ppo-no-truncation-fix", () -> Ppo.workshop().checkpointEvery(0).reward(Ppo.workshop().reward().truncation(Truncation.asIs())));
        VARIANTS.put("ppo-lambda095", () -> Ppo.workshop().checkpointEvery(0).ppo(Ppo.workshop().ppo().gae(1, 0.95).valueWarmup(0)));
        VARIANTS.put("ppo-lr3e-5", () -> Ppo.workshop().checkpointEvery(0).lr(3e-5));
        VARIANTS.put("ppo-lr3e-6", () -> Ppo.workshop().checkpointEvery(0).lr(3e-6));
        VARIANTS.put("ppo-beta0", () -> Ppo.workshop().checkpointEvery(0).fixedKl(0));
        VARIANTS.put("ppo-beta0.2", () -> Ppo.workshop().checkpointEvery(0).fixedKl(0.2));
        VARIANTS.put("ppo-nolength", () -> Ppo.workshop().checkpointEvery(0).formula(Reward.noLengthBonus()));
        for (var a : List.of(Algorithm.RLOO, Algorithm.GRPO, Algorithm.SIMPO, Algorithm.DPO)) {
            String n = a.name().toLowerCase();
            VARIANTS.put(n, () -> a.workshop().checkpointEvery(0));
            VARIANTS.put(n + "-lr3e-5", () -> a.workshop().checkpointEvery(0).lr(3e-5));
            VARIANTS.put(n + "-lr3e-6", () -> a.workshop().checkpointEvery(0).lr(3e-6));
        }
        VARIANTS.put("grpo-beta0.04", () -> Algorithm.GRPO.workshop().checkpointEvery(0).fixedKl(0.04));
        VARIANTS.put("rloo-beta0", () -> Algorithm.RLOO.workshop().checkpointEvery(0).fixedKl(0));
    }

    /** CPU time of this process: on a shared machine the honest measure of a run's cost (one PyTorch thread). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        var names = List.of(args[0].split(","));
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Display.install(new RecordingSink());
        Path out = Path.of("runs/rl-sweep");
        Files.createDirectories(out.resolve("steps"));
        Path cp = WorkshopStudent.checkpoint(Path.of("runs/workshop-student"));
        var tok = Checkpoint.readTokenizer(cp);
        // -Dteacher=offline (the default teacher, issue 11) or rubric; the other one is the second teacher of the evaluation.
        boolean offline = !"rubric".equals(System.getProperty("teacher", "offline"));
        Teacher rubric = Teachers.rubric(), judge = "none".equals(System.getProperty("second")) && !offline ? null : Teachers.offline();
        Teacher teacher = offline ? judge : rubric, second = offline ? rubric : judge;
        // Which texts the judge learned from decides its scores (no shared/corpora in reach: no Grimm tales), so say it.
        System.out.println("teacher: " + teacher + (second == null ? "" : "; second teacher: " + second));
        // One folder per judge version: a cached "before" (and the rows beside it) scored by another judge must not mix in.
        out = out.resolve(teacher instanceof OfflineTeacher ? teacher.name() + "-judge-v" + Judge.VERSION : teacher.name());
        Files.createDirectories(out.resolve("steps"));
        var eval = StoryEvaluation.Settings.workshop();
        // The student before RL is the same for every run: evaluated once, kept next to the results.
        Path cached = out.resolve("before.json");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        StoryEvaluation before;
        if (Files.exists(cached)) before = json.readValue(cached.toFile(), StoryEvaluation.class);
        else {
            try (var student = Checkpoint.readModel(cp)) {
                before = StoryEvaluation.of(student, tok, teacher, second, eval);
            }
            json.writeValue(cached.toFile(), before);
        }
        System.out.println("before: " + before);
        Path csv = out.resolve("results.csv");
        if (!Files.exists(csv))
            Files.writeString(csv, "variant,algorithm,seed,steps,seconds,cpu_seconds,score_before,score_after,gain,words_before,words_after,length_ratio,"
                    + "distinct2_before,distinct2_after,distinct2_change,cut_before,cut_after,second_before,second_after,batch_score_first,batch_score_last,final_kl\n");
        for (String name : names) {
            var variant = VARIANTS.get(name);
            if (variant == null) throw new IllegalArgumentException("no variant " + name + "; known: " + VARIANTS.keySet());
            for (long seed = FIRST_SEED; seed < FIRST_SEED + seeds; seed++) {
                var config = variant.get().seed(seed);
                if (steps > 0) config = config.steps(steps);
                try (var student = Checkpoint.readModel(cp)) {
                    long t0 = System.nanoTime(), c0 = cpuNanos();
                    String label = name + " seed " + seed;
                    var report = Rl.of(student, tok, teacher).config(config).display(false)
                            .onStep(s -> System.out.printf("  %s step %d: score %.2f, %.0f words, %.0f%% cut, KL %.2f, %.1f s%n", label, s.step(), s.score().mean(),
                                    s.length().words(), 100 * s.length().truncatedShare(), s.objective().kl(), s.time().seconds()))
                            .run();
                    double seconds = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - c0) / 1e9;
                    var after = StoryEvaluation.of(student, tok, teacher, second, eval);
                    var st = report.steps();
                    var row = List.of(name, config.algorithm().name(), seed, st.size(), seconds, cpu, before.score(), after.score(), after.score() - before.score(),
                            before.words(), after.words(), after.words() / before.words(), before.distinct2(), after.distinct2(),
                            after.distinct2() / before.distinct2() - 1, before.truncatedShare(), after.truncatedShare(), before.secondScore(), after.secondScore(),
                            st.get(0).score().mean(), st.get(st.size() - 1).score().mean(), st.get(st.size() - 1).objective().kl());
                    var line = new ArrayList<String>();
                    for (Object o : row) line.add(o instanceof Double d ? String.format("%.4f", d) : o.toString());
                    Files.writeString(csv, String.join(",", line) + "\n", StandardOpenOption.APPEND);
                    Files.writeString(out.resolve("steps").resolve(name + "-seed" + seed + ".csv"), report.csv());
                    System.out.printf("%s seed %d: %s%n   after: %s (%.0f s, %.0f CPU s)%n", name, seed, report.summary(), after, seconds, cpu);
                }
            }
        }
    }
}
