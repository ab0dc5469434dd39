package storylab.experiment;

import java.nio.file.Path;
import java.util.List;
import storylab.data.world.StoryWorld;
import storylab.display.Display;
import storylab.rl.Rl;
import storylab.rl.RlConfig;
import storylab.rl.RlStep;
import storylab.train.Checkpoint;

/**
 * One PPO run from a pretraining checkpoint, with the model evaluated before and after it: the unit that the
 * threshold curve and every ablation are lists of. Its settings are JSON, so it is cached, resumable and
 * could run on another machine.
 */
public final class RlRun {

    /**
     * @param label          a short name for tables ("50k words", "no length bonus")
     * @param checkpoint     the checkpoint folder, relative to the run store's root
     * @param pretrainWords  its pretraining words
     * @param rl             the RL settings
     * @param teacher        who scores
     * @param evalStories    stories sampled before and after
     * @param worldSeed      the world the probes come from
     * @param pairs          minimal pairs (0: no probes)
     * @param questions      entity-tracking questions
     * @param evalPrompts    the prompts of the evaluation before and after (null: the RL prompts)
     */
    public record Settings(String label, String checkpoint, long pretrainWords, RlConfig rl, TeacherSpec teacher,
                           int evalStories, long worldSeed, int pairs, int questions, List<String> evalPrompts) {
        /** Evaluated on the RL prompts. */
        public Settings(String label, String checkpoint, long pretrainWords, RlConfig rl, TeacherSpec teacher,
                        int evalStories, long worldSeed, int pairs, int questions) {
            this(label, checkpoint, pretrainWords, rl, teacher, evalStories, worldSeed, pairs, questions, null);
        }

        List<String> prompts() {
            if (evalPrompts != null) return evalPrompts;
            var p = rl.run().prompts();
            return java.util.stream.IntStream.range(0, evalStories).mapToObj(i -> p.get(i % p.size())).toList();
        }
    }

    /** Before and after RL, and the run's steps. */
    public record Result(Settings settings, TeacherEvaluation before, TeacherEvaluation after, List<RlStep> steps, long interactionWords, double seconds) {
        public double gain() {
            return after.scoreMean() - before.scoreMean();
        }
    }

    /** The "before" side alone: the same for every run from one checkpoint with one teacher, so cached once. */
    record BeforeSettings(String checkpoint, RlConfig rl, TeacherSpec teacher, int evalStories, long worldSeed, int pairs, int questions, List<String> evalPrompts) {}

    private RlRun() {}

    public static Result run(RunStore store, Settings s, boolean display) {
        return store.run("rl", s, Result.class, dir -> execute(store, dir, s, display));
    }

    /** The model before RL, evaluated (cached by checkpoint, teacher and evaluation settings). */
    public static TeacherEvaluation before(RunStore store, Settings s) {
        var key = new BeforeSettings(s.checkpoint(), s.rl().steps(0).lr(0).fixedKl(0), s.teacher(), s.evalStories(), s.worldSeed(), s.pairs(), s.questions(), s.evalPrompts());
        return store.run("eval", key, TeacherEvaluation.class, dir -> {
            Path ckpt = store.root().resolve(s.checkpoint());
            try (var model = Checkpoint.readModel(ckpt)) {
                return TeacherEvaluation.of(model, Checkpoint.readTokenizer(ckpt), s.teacher().build(), s.rl(), s.prompts(), s.rl().run().seed() + 1,
                        StoryWorld.seed(s.worldSeed()), s.pairs(), s.questions());
            }
        });
    }

    private static Result execute(RunStore store, Path dir, Settings s, boolean display) throws Exception {
        long t0 = System.nanoTime();
        var before = before(store, s);
        Path ckpt = store.root().resolve(s.checkpoint());
        var tok = Checkpoint.readTokenizer(ckpt);
        var teacher = s.teacher().build();
        try (var policy = Checkpoint.readModel(ckpt)) {
            if (display) Display.show(s.rl().algorithm() + " from " + s.label() + " (" + s.rl().run().steps() + " steps)");
            var report = Rl.of(policy, tok, teacher).config(s.rl()).into(dir.resolve("rl")).display(display).run();
            var after = TeacherEvaluation.of(policy, tok, teacher, s.rl(), s.prompts(), s.rl().run().seed() + 1, StoryWorld.seed(s.worldSeed()), s.pairs(), s.questions());
            var steps = report.steps();
            long words = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).totals().interactionWords();
            return new Result(s, before, after, steps, words, (System.nanoTime() - t0) / 1e9);
        }
    }
}
