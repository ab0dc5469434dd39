package storylab.teacher;

import java.util.ArrayList;
import java.util.List;

/**
 * Grades stories with paper A's rubric. Implementations never throw for a bad story or a failing
 * backend: they return fallback {@link Scores} instead, so a PPO run keeps going.
 */
public interface Teacher {

    Scores score(String prompt, String story);

    default Scores score(Response story) {
        return score(story.prompt(), story.text());
    }

    /** Scores a batch; sequential by default, teachers with a remote backend override it with concurrency. */
    default ScoreBatch scoreAll(List<Response> stories) {
        var out = new ArrayList<Scores>(stories.size());
        for (var s : stories) out.add(score(s));
        return new ScoreBatch(stories, out);
    }

    /** The PPO loop's case: one fixed prompt, many continuations. */
    default ScoreBatch scoreAll(String prompt, List<String> continuations) {
        return scoreAll(continuations.stream().map(t -> Response.of(prompt, t)).toList());
    }

    /** A short name for tables and the {@link Scores#rater()} field. */
    default String name() {
        return getClass().getSimpleName();
    }
}
