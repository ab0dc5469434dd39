package storylab.experiment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import storylab.data.world.StoryWorld;
import storylab.teacher.LlmTeacher;
import storylab.teacher.RubricTeacher;
import storylab.teacher.Teacher;

/**
 * Which teacher scores a run, as settings (so it is part of a run's key): the deterministic rule teacher
 * built from {@code referenceStories} stories of the world with {@code referenceSeed}, or an LLM over HTTP.
 */
public record TeacherSpec(String kind, int referenceStories, long referenceSeed, String url, String model) {

    private static final Map<TeacherSpec, Teacher> BUILT = new ConcurrentHashMap<>();

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
            case "rule" -> RubricTeacher.from(StoryWorld.seed(s.referenceSeed).stories(s.referenceStories).map(st -> st.text()).toList());
            case "llm" -> {
                var settings = LlmTeacher.at(s.url);
                yield (s.model == null ? settings : settings.model(s.model)).build();
            }
            default -> throw new IllegalArgumentException("unknown teacher kind \"" + s.kind + "\" (rule or llm)");
        });
    }

    @Override
    public String toString() {
        return kind.equals("rule") ? "rule teacher (" + referenceStories + " reference stories)" : "LLM teacher at " + url;
    }
}
