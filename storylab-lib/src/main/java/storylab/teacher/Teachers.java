package storylab.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Ways to combine teachers. */
public final class Teachers {

    private Teachers() {}

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
