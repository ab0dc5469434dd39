package storylab.rl;

import storylab.teacher.Reward;
import storylab.teacher.Teacher;

/**
 * The reward of one story: any lambda, e.g. {@code (prompt, story) -> story.contains("dragon") ? 1 : 0}.
 * Teachers adapt into it through paper A's formula with {@link #of(Teacher, Reward, Truncation)}.
 * A function that throws, returns NaN or ±∞, or takes longer than the run's reward timeout stops the run
 * with an error that names the step and the story.
 */
@FunctionalInterface
public interface RewardFunction {

    double reward(String prompt, String story);

    /** A short name for tables and the dashboard. */
    default String name() {
        return "reward function";
    }

    /** A teacher's scores through paper A's reward formula, with cut-off stories judged as {@code truncation} says. */
    static TeacherReward of(Teacher teacher, Reward formula, Truncation truncation) {
        return new TeacherReward(teacher, formula, truncation);
    }
}
