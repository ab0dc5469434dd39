package storylab.experiment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import storylab.data.world.StoryWorld;
import storylab.teacher.LlmTeacher;
import storylab.teacher.RubricTeacher;
import storylab.teacher.Teacher;
import storylab.teacher.Teachers;

/**
 * Which teacher scores a run, as settings (so it is part of a run's key): the default offline teacher (a
 * learned judge, see {@link Teachers#offline()}), the deterministic rule teacher
 * built from {@code referenceStories} stories of the world with {@code referenceSeed}, or an LLM over HTTP.
 */
public record TeacherSpec(String kind, int referenceStories, long referenceSeed, String url, String model) {

    private static final Map<TeacherSpec, Teacher> BUILT = new ConcurrentHashMap<>();

    /** The lab's default offline teacher: the learned judge of {@link Teachers#offline()}. */
    public static TeacherSpec offline() {
        return new TeacherSpec("offline", 0, 0, null, null);
    }

    public static TeacherSpec rule(int referenceStories, long referenceSeed) {
        return new TeacherSpec("rule", referenceStories, referenceSeed, null, null);
    }

    /** An OpenAI-compatible endpoint (paper A used an 8B instruction model); {@code model} may be null. */
    public static TeacherSpec llm(String url, String model) {
        return new TeacherSpec("llm", 0, 0, url, model);
    }

    /** The LLM teacher of env STORYLAB_LLM_URL (model from STORYLAB_LLM_MODEL), or null when none is configured. */
    public static TeacherSpec llmFromEnv() {
        String url = System.getenv("STORYLAB_LLM_URL");
        return url == null || url.isBlank() ? null : llm(url.strip(), System.getenv("STORYLAB_LLM_MODEL"));
    }

    /** The teacher (built once per spec: the rule teacher's reference statistics take a moment). */
    public Teacher build() {
        return BUILT.computeIfAbsent(this, s -> switch (s.kind) {
            case "offline" -> Teachers.offline();
            case "rule" -> RubricTeacher.from(StoryWorld.seed(s.referenceSeed).stories(s.referenceStories).map(st -> st.text()).toList());
            case "llm" -> {
                var settings = LlmTeacher.at(s.url);
                yield (s.model == null ? settings : settings.model(s.model)).build();
            }
            default -> throw new IllegalArgumentException("unknown teacher kind \"" + s.kind + "\" (offline, rule or llm)");
        });
    }

    @Override
    public String toString() {
        return switch (kind) {
            case "offline" -> "offline teacher (learned judge v" + storylab.teacher.Judge.VERSION + ")";
            case "rule" -> "rule teacher (" + referenceStories + " reference stories)";
            default -> "LLM teacher at " + url;
        };
    }
}
