package storylab.experiment;

import java.util.List;
import storylab.Scale;
import storylab.model.GptConfig;
import storylab.rl.Ppo;
import storylab.rl.RlConfig;

/**
 * The sizes of a reproduction: paper A's design (pretrain once with log-spaced checkpoints, the same PPO budget
 * from each, probes before and after) at a scale that fits the machine. {@link #at(Scale)} gives the three
 * standard plans; {@code with…} copies change one knob in a notebook.
 *
 * @param scale          the scale's name, for reports
 * @param worldSeed      the story world that is both corpus and probe source
 * @param vocab          BPE vocabulary size
 * @param bpeWords       words the tokenizer is trained on
 * @param model          the student's shape
 * @param batch          pretraining windows per step
 * @param lr             pretraining peak learning rate
 * @param milestones     pretraining words at which checkpoints are written (the last is the budget)
 * @param rl             the RL run from every checkpoint (same budget for all)
 * @param teacher        who scores the stories
 * @param evalStories    stories sampled and scored before and after RL
 * @param pairs          minimal pairs per probe
 * @param questions      entity-tracking questions per probe
 * @param ablationSteps  PPO steps of each ablation run
 * @param ablationFrom   the checkpoint (pretraining words) the ablations start from (0: the middle one)
 * @param seeds          one full run (pretraining, PPO, sampling) per seed; a single experiment runs the first
 * @param data           the pretraining corpus and the evaluation set (the story world by default)
 */
public record ExperimentPlan(String scale, long worldSeed, int vocab, long bpeWords, GptConfig model, int batch, double lr,
                   List<Long> milestones, RlConfig rl, TeacherSpec teacher, int evalStories, int pairs, int questions,
                   int ablationSteps, long ablationFrom, List<Long> seeds, DataSpec data) {

    public ExperimentPlan {
        if (milestones == null || milestones.isEmpty()) throw new IllegalArgumentException("ExperimentPlan.milestones is empty: give at least one checkpoint milestone");
        milestones = List.copyOf(milestones);
        if (seeds == null || seeds.isEmpty())
            throw new IllegalArgumentException("ExperimentPlan.seeds is empty: give at least one seed (reproduce --seeds N with N ≥ 1)");
        seeds = List.copyOf(seeds);
        if (data == null) data = DataSpec.world();
    }

    /** The seed a single experiment (a notebook's {@code Threshold.of(plan)}) runs with: the first. */
    public long seed() {
        return seeds.get(0);
    }

    /** Seeds 42, 43, … ({@code n} of them): the seeds of {@code reproduce --seeds n}. */
    public static List<Long> seeds(int n) {
        if (n < 1) throw new IllegalArgumentException("the number of seeds must be ≥ 1, got " + n + " (--seeds)");
        return java.util.stream.LongStream.range(42, 42 + n).boxed().toList();
    }

    /** The standard plan for a scale (see docs/reproduce.md for the cost of each). */
    public static ExperimentPlan at(Scale scale) {
        return switch (scale) {
            case TEST -> new ExperimentPlan("test", 42, 300, 20_000, GptConfig.tiny(300).withD(32).withLayers(2).withHeads(2).withContext(64),
                    8, 3e-3, List.of(2_000L, 5_000L, 10_000L),
                    Ppo.workshop().batch(4, 2).epochs(2).sampling(16, 1.0, 0, 1.0).lr(1e-4).steps(2).checkpointEvery(0),
                    TeacherSpec.offline(), 8, 12, 6, 1, 0, seeds(2), DataSpec.world());
            // The tiny student on 2k BPE tokens, as in notebooks 01 and 03: readable stories by ~600k words, and PPO
            // at the workshop preset long enough for the score to move.
            case WORKSHOP -> new ExperimentPlan("workshop", 42, 2_000, 500_000, GptConfig.tiny(2_000),
                    16, 3e-3, List.of(100_000L, 300_000L, 600_000L),
                    Ppo.workshop().steps(25).checkpointEvery(0),
                    TeacherSpec.offline(), 32, 60, 30, 8, 600_000L, seeds(3), DataSpec.world());
            case PAPER -> new ExperimentPlan("paper", 42, 16_000, 10_000_000, GptConfig.gpt2Small(), 16, 5e-4,
                    List.of(1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L, 20_000_000L, 50_000_000L, 90_000_000L, 200_000_000L, 500_000_000L, 900_000_000L),
                    Ppo.paper().checkpointEvery(0), TeacherSpec.offline(), 360, 600, 300, 920, 90_000_000L, seeds(3), DataSpec.world());
        };
    }

    /** Pretraining words of the last checkpoint: the budget. */
    public long pretrainWords() {
        return milestones.get(milestones.size() - 1);
    }

    /** The checkpoint the ablations start from. */
    public long ablationCheckpoint() {
        if (ablationFrom > 0 && milestones.contains(ablationFrom)) return ablationFrom;
        return milestones.get(milestones.size() / 2);
    }

    public ExperimentPlan withMilestones(List<Long> m) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, m, rl, teacher, evalStories, pairs, questions, ablationSteps, ablationFrom, seeds, data); }
    /** Pretraining with {@code batch} windows a step at peak learning rate {@code lr}. */
    public ExperimentPlan withTraining(int batch, double lr) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, milestones, rl, teacher, evalStories, pairs, questions, ablationSteps, ablationFrom, seeds, data); }
    public ExperimentPlan withRl(RlConfig p) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, milestones, p, teacher, evalStories, pairs, questions, ablationSteps, ablationFrom, seeds, data); }
    public ExperimentPlan withTeacher(TeacherSpec t) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, milestones, rl, t, evalStories, pairs, questions, ablationSteps, ablationFrom, seeds, data); }
    public ExperimentPlan withEval(int stories, int p, int q) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, milestones, rl, teacher, stories, p, q, ablationSteps, ablationFrom, seeds, data); }
    public ExperimentPlan withAblations(int steps, long from) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, milestones, rl, teacher, evalStories, pairs, questions, steps, from, seeds, data); }
    /** The plan for one seed. */
    public ExperimentPlan withSeed(long s) { return withSeeds(List.of(s)); }
    public ExperimentPlan withSeeds(List<Long> s) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, milestones, rl, teacher, evalStories, pairs, questions, ablationSteps, ablationFrom, s, data); }
    public ExperimentPlan withData(DataSpec d) { return new ExperimentPlan(scale, worldSeed, vocab, bpeWords, model, batch, lr, milestones, rl, teacher, evalStories, pairs, questions, ablationSteps, ablationFrom, seeds, d); }
}
