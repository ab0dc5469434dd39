package storylab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import storylab.Scale;
import storylab.model.Torch;

/**
 * One run of a reproduction as a JSON file, so that a cluster can run them as a job array:
 * {@code reproduce --emit slurm DIR} writes one spec per run under {@code DIR/specs/}, the plan, and two
 * {@code sbatch} scripts (stage 1: every pretraining and plugged-in experiment; stage 2, after stage 1: every PPO run
 * and ablation); {@code ./storylab run-spec SPEC} runs one into the shared run store {@code DIR/runs-<scale>/};
 * {@code reproduce --collect DIR} writes the report from whatever has finished.
 *
 * @param code   the code version that emitted the spec (a spec only runs on the same code)
 * @param stage  1 (pretraining, plugged-in experiments) or 2 (PPO runs and ablations, which need a checkpoint)
 * @param run    "pretrain", "rl" (checkpoint {@code index}), "ablation" (variant {@code index}) or "experiment" ({@code name})
 * @param index  the checkpoint or variant
 * @param name   a label for logs; the experiment's name for "experiment" (one spec per seed: the plan's)
 * @param plan   the plan, narrowed to this run's seed
 */
public record RunSpec(String code, int stage, String run, int index, String name, ExperimentPlan plan) {

    /** Writes the specs, plan.json and the Slurm scripts of a plan into {@code dir}; returns the number of specs. */
    public static int emit(ExperimentPlan plan, Path dir) {
        try {
            Files.createDirectories(dir.resolve("specs"));
            Path planFile = dir.resolve("plan.json");
            String planJson = RunStore.json(plan);
            if (Files.isRegularFile(planFile) && !Files.readString(planFile).equals(planJson))
                throw new IllegalArgumentException(dir + " already holds another plan's runs (" + planFile + "): emit into a new folder");
            Files.writeString(planFile, planJson);
            String code = CodeVersion.current().id();
            var specs = new ArrayList<RunSpec>();
            for (long seed : plan.seeds()) specs.add(new RunSpec(code, 1, "pretrain", 0, "pretrain seed " + seed, plan.withSeed(seed)));
            for (long seed : plan.seeds())
                for (var e : Experiments.all()) specs.add(new RunSpec(code, 1, "experiment", 0, e.name(), plan.withSeed(seed)));
            for (long seed : plan.seeds())
                for (int i = 0; i < plan.milestones().size(); i++)
                    specs.add(new RunSpec(code, 2, "rl", i, "PPO from " + Equivalence.words(plan.milestones().get(i)) + " words, seed " + seed, plan.withSeed(seed)));
            var variants = Ablations.variants(plan.withSeed(plan.seed()));
            for (int i = 0; i < variants.size(); i++)
                specs.add(new RunSpec(code, 2, "ablation", i, variants.get(i).group() + ": " + variants.get(i).name(), plan.withSeed(plan.seed())));
            var lists = new ArrayList<List<String>>(List.of(new ArrayList<>(), new ArrayList<>()));
            for (int i = 0; i < specs.size(); i++) {
                var s = specs.get(i);
                String file = String.format("specs/%04d-%s-%d.json", i, s.run(), s.stage());
                Files.writeString(dir.resolve(file), RunStore.json(s));
                lists.get(s.stage() - 1).add(file);
            }
            for (int st = 1; st <= 2; st++) {
                Files.write(dir.resolve("stage" + st + ".txt"), lists.get(st - 1));
                Files.writeString(dir.resolve("stage" + st + ".sbatch"), sbatch(st, lists.get(st - 1).size(), plan));
            }
            Files.writeString(dir.resolve("submit.sh"), SUBMIT);
            dir.resolve("submit.sh").toFile().setExecutable(true);
            return specs.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run specs into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String sbatch(int stage, int n, ExperimentPlan plan) {
        boolean paper = plan.scale().equals("paper");
        // A GPU-day of pretraining at paper scale; a PPO run or an ablation is a few GPU-hours.
        String time = !paper ? "01:00:00" : stage == 1 ? "36:00:00" : "12:00:00";
        return "#!/bin/bash\n"
                + "# Stage " + stage + " of the reproduction: one array task per line of stage" + stage + ".txt. Submit both stages with ./submit.sh.\n"
                + "#SBATCH --job-name=storylab-" + plan.scale() + "-" + stage + "\n"
                + "#SBATCH --array=0-" + (n - 1) + "\n"
                + "#SBATCH --gres=gpu:1\n"
                + "#SBATCH --cpus-per-task=4\n"
                + "#SBATCH --mem=32G\n"
                + "#SBATCH --time=" + time + "\n"
                + "#SBATCH --output=logs/%x-%A_%a.out\n"
                + "set -euo pipefail\n"
                + "cd \"${SLURM_SUBMIT_DIR:-$(dirname \"$0\")}\"\n"
                + "# GPU natives: DJL's CUDA build of libtorch (see docs/reproduce.md), e.g. PYTORCH_FLAVOR=cu128 and PYTORCH_LIBRARY_PATH.\n"
                + "SPEC=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" stage" + stage + ".txt)\n"
                + "exec \"${STORYLAB:?set STORYLAB to the storylab launcher of the build that emitted these specs}\" run-spec \"$SPEC\"\n";
    }

    private static final String SUBMIT = """
            #!/bin/bash
            # Submits stage 1 (pretraining, plugged-in experiments), then stage 2 (PPO runs, ablations) once stage 1 has succeeded.
            set -euo pipefail
            cd "$(dirname "$0")"
            mkdir -p logs
            first=$(sbatch --parsable stage1.sbatch)
            sbatch --dependency=afterok:"${first%%;*}" stage2.sbatch
            """;

    /** Reads a spec; a corrupt file or one from other code is an error naming the file. */
    public static RunSpec read(Path file) {
        RunSpec s;
        try {
            s = RunStore.JSON.readValue(file.toFile(), RunSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the run spec " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the run spec " + file + " is not valid: " + e.getMessage());
        }
        if (s.plan() == null || s.run() == null) throw new IllegalArgumentException("the run spec " + file + " has no plan or no run");
        String here = CodeVersion.current().id();
        if (!s.code().equals(here))
            throw new IllegalArgumentException("the run spec " + file + " was emitted by code " + s.code() + ", but this is code " + here
                    + ": run it with the build that emitted it, or emit the specs again (finished runs of this code are reused)");
        return s;
    }

    /** Runs this spec into the run store beside its specs folder ({@code DIR/runs-<scale>}); finished runs are reused. */
    public void execute(Path dir) {
        Torch.threads(Reproduce.threads());
        var store = RunStore.at(dir.resolve("runs-" + plan.scale()));
        switch (run) {
            case "pretrain" -> Pretraining.run(store, plan, false);
            case "rl" -> {
                var pre = finishedPretraining(store);
                RlRun.run(store, Threshold.runs(plan, pre).get(index), false);
            }
            case "ablation" -> {
                var pre = finishedPretraining(store);
                Ablations.of(plan).into(store).display(false).runVariant(pre, index);
            }
            case "experiment" -> {
                var e = Experiments.all().stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no experiment named \"" + name + "\" is registered"));
                Path folder = store.root().resolve(name);
                try {
                    e.run(new Experiment.Context(Scale.valueOf(plan.scale().toUpperCase()), folder, false, plan, RunStore.at(folder)));
                } catch (Exception ex) {
                    throw new IllegalStateException("experiment " + name + " failed: " + ex.getMessage(), ex);
                }
            }
            default -> throw new IllegalArgumentException("unknown run \"" + run + "\" in a run spec (pretrain, rl, ablation or experiment)");
        }
    }

    private Pretraining.Result finishedPretraining(RunStore store) {
        try {
            return Pretraining.run(store.finishedOnly(true), plan, false);
        } catch (RunStore.Missing m) {
            throw new IllegalStateException("this spec needs the seed's pretraining, which has not finished (" + m.getMessage() + "): run stage 1 first");
        }
    }

    /** {@code ./storylab run-spec SPEC}: returns the exit code. */
    public static int main(List<String> args) {
        if (args.size() != 1) {
            System.err.println("storylab run-spec: expected one spec file (written by reproduce --emit slurm DIR), got " + args);
            return 2;
        }
        Path file = Path.of(args.get(0)).toAbsolutePath();
        try {
            var spec = read(file);
            Path dir = file.getParent().getParent(); // DIR/specs/NNNN-….json
            System.err.println("run-spec: " + spec.name() + " (" + file.getFileName() + ")");
            spec.execute(dir);
            System.err.println("run-spec: done " + spec.name());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("storylab run-spec: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("storylab run-spec: " + file.getFileName() + " failed: " + e.getMessage());
            return 1;
        }
    }

    /** A reproduction that reads the runs under {@code dir} (its plan.json) and computes nothing. */
    static Reproduce collecting(Path dir) {
        Path planFile = dir.resolve("plan.json");
        if (!Files.isRegularFile(planFile))
            throw new IllegalArgumentException("--collect " + dir + ": no plan.json there (emit the runs first with reproduce --emit slurm " + dir + ")");
        ExperimentPlan plan;
        try {
            plan = RunStore.JSON.readValue(planFile.toFile(), ExperimentPlan.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + planFile + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        return Reproduce.of(plan).into(dir).collect(true);
    }
}
