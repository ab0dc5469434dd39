package storylab.rl;

import java.util.ArrayList;
import java.util.List;
import storylab.data.Words;
import storylab.teacher.Response;
import storylab.teacher.Reward;
import storylab.teacher.ScoreBatch;
import storylab.teacher.Teacher;

/**
 * A teacher as a {@link RewardFunction}: paper A's {@code (teacher_norm + w·words/target)/(1 + w)} on what the
 * teacher reads of the story (see {@link Truncation}), minus the truncation cost for a cut-off story. Scores a
 * batch at once so remote teachers keep their concurrency; a teacher's fallbacks (timeouts, unparseable
 * answers) are counted and shown on the dashboard.
 */
public record TeacherReward(Teacher teacher, Reward formula, Truncation truncation) implements RewardFunction {

    /** A batch of stories scored: the rewards, and the teacher's scores of what it read. */
    public record Scored(double[] rewards, ScoreBatch scores) {}

    @Override
    public double reward(String prompt, String story) {
        return score(List.of(prompt), List.of(story), new boolean[1]).rewards()[0];
    }

    @Override
    public String name() {
        return teacher.name();
    }

    public Scored score(List<String> prompts, List<String> stories, boolean[] truncated) {
        var judged = new ArrayList<Response>(stories.size());
        for (int i = 0; i < stories.size(); i++) judged.add(Response.of(prompts.get(i), truncation.judged(stories.get(i), truncated[i])));
        var scores = teacher.scoreAll(judged);
        double[] r = new double[stories.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = formula.of(scores.get(i), Words.count(judged.get(i).text()));
            if (truncated[i]) r[i] -= truncation.cost() / 9 / (1 + formula.lengthWeight());
        }
        return new Scored(r, scores);
    }
}
