package storylab.teacher;

import java.util.ArrayList;
import storylab.display.Display;

/**
 * A person as the teacher: the story card is shown in the notebook and the three scores are asked for
 * one by one through {@link Display#ask}; anything but a whole number 0–3 is asked again, saying why.
 * If nobody can answer (no stdin) or the person gives up after {@code maxAttempts}, the story gets the
 * neutral fallback, so a run never stops on a human.
 */
public record HumanTeacher(int maxAttempts) implements Teacher {

    private static final String[] HINTS = {
            "0 hard to follow · 1 many mistakes · 2 a few mistakes · 3 well written",
            "0 not a story · 1 wanders or cut off · 2 mostly hangs together · 3 clear and logical",
            "0 dull · 1 predictable · 2 some original ideas · 3 original and engaging"};

    public HumanTeacher {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
    }

    public static HumanTeacher create() {
        return new HumanTeacher(5);
    }

    @Override
    public String name() {
        return "human";
    }

    @Override
    public Scores score(String prompt, String story) {
        Display.show(Response.of(prompt, story));
        int[] v = new int[3];
        var given = new ArrayList<String>();
        for (var c : Criterion.values()) {
            String question = c.label() + " 0–3 (" + HINTS[c.ordinal()] + "): ";
            Integer got = null;
            for (int attempt = 0; attempt < maxAttempts && got == null; attempt++) {
                String answer;
                try {
                    answer = Display.ask(question);
                } catch (RuntimeException e) {
                    return Scores.fallback(Scores.Source.FALLBACK_AFTER_FAILURE, name(), String.join(" ", given),
                            "nobody to ask: " + e.getMessage());
                }
                got = parse(answer);
                if (got == null)
                    question = "\"" + (answer == null ? "" : answer.strip()) + "\" is not a score: type one whole number, 0, 1, 2 or 3. "
                            + c.label() + " 0–3: ";
                else given.add(answer.strip());
            }
            if (got == null)
                return Scores.fallback(Scores.Source.PARSE_FALLBACK, name(), String.join(" ", given),
                        "no valid " + c.label() + " score after " + maxAttempts + " tries");
            v[c.ordinal()] = got;
        }
        return new Scores(v[0], v[1], v[2], Scores.Source.OK, name(), String.join(" ", given), java.util.List.of());
    }

    private static Integer parse(String answer) {
        if (answer == null) return null;
        String a = answer.strip();
        return a.length() == 1 && a.charAt(0) >= '0' && a.charAt(0) <= '3' ? a.charAt(0) - '0' : null;
    }
}
