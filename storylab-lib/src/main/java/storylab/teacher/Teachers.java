package storylab.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import storylab.data.Corpus;
import storylab.data.world.StoryWorld;

/** The lab's teachers in one place: the default offline judge, the rule baseline, and ways to combine teachers. */
public final class Teachers {

    private Teachers() {}

    /**
     * The default offline teacher: a learned judge trained on the story world and the real tales it finds,
     * on first use (a few minutes, with progress shown), then cached under the runs folder and reused.
     */
    public static OfflineTeacher offline() {
        return OfflineTeacher.of(JudgeSettings.standard(), List.of());
    }

    /** The offline teacher with a judge that has also read {@code extra} corpora (TinyStories, BabyLM, plain text). */
    public static OfflineTeacher offline(Corpus... extra) {
        return OfflineTeacher.of(JudgeSettings.standard(), List.of(extra));
    }

    /** The rule teacher, the transparent baseline, with its standard reference: 2,000 stories of the story world (seed 7). */
    public static RubricTeacher rubric() {
        return RubricTeacher.from(StoryWorld.seed(7).stories(2_000).map(s -> s.text()).toList());
    }

    /**
     * The human grades one story in {@code every}, the primary teacher all others. Which ones is fixed by
     * the running story index (counted across calls) and the seed: story i goes to the human when
     * {@code (i + offset) % every == 0}, with the offset drawn from the seed, so exactly 1 in {@code every}
     * and the same stories on a rerun.
     */
    public static Teacher mix(Teacher primary, Teacher human, int every) {
        return mix(primary, human, every, 0);
    }

    public static Teacher mix(Teacher primary, Teacher human, int every, long seed) {
        if (every < 1) throw new IllegalArgumentException("every must be >= 1");
        return new Mixed(primary, human, every, new SplittableRandom(seed).nextInt(every));
    }

    /** See {@link #mix}. */
    static final class Mixed implements Teacher {
        private final Teacher primary, human;
        private final int every, offset;
        private final AtomicLong next = new AtomicLong();

        Mixed(Teacher primary, Teacher human, int every, int offset) {
            this.primary = primary;
            this.human = human;
            this.every = every;
            this.offset = offset;
        }

        boolean humanTurn(long index) {
            return (index + offset) % every == 0;
        }

        @Override
        public String name() {
            return primary.name() + "+" + human.name() + "/" + every;
        }

        @Override
        public Scores score(String prompt, String story) {
            return (humanTurn(next.getAndIncrement()) ? human : primary).score(prompt, story);
        }

        /** The primary teacher gets its share as one batch (keeping its concurrency), the human the rest. */
        @Override
        public ScoreBatch scoreAll(List<Response> stories) {
            long first = next.getAndAdd(stories.size());
            var forPrimary = new ArrayList<Response>();
            for (int i = 0; i < stories.size(); i++) if (!humanTurn(first + i)) forPrimary.add(stories.get(i));
            var fromPrimary = primary.scoreAll(forPrimary).scores().iterator();
            var out = new ArrayList<Scores>(stories.size());
            for (int i = 0; i < stories.size(); i++)
                out.add(humanTurn(first + i) ? human.score(stories.get(i)) : fromPrimary.next());
            return new ScoreBatch(stories, out);
        }
    }
}
