package storylab.rl;

import java.util.ArrayList;
import java.util.List;
import storylab.data.Words;

/**
 * Word accounting for the interaction budget. Paper A counts the words the student <em>receives</em>: the
 * teacher's short answer for every story (about three words) and the prompt — one fixed prompt, so its words
 * count once in total, not once per story. 331,200 stories × 3 answer words ≈ 1M words of interaction. Our
 * runs draw from a few openings, so each distinct opening counts once, when first sent. The student's own
 * words are kept apart, so a run can also stop on everything exchanged.
 *
 * @param stories      stories told so far
 * @param prompts      the distinct prompts sent so far, in the order first sent
 * @param promptWords  words of those distinct prompts (each counted once)
 * @param teacherWords words of the teacher's answers, one answer per story
 * @param studentWords words the student wrote (not part of the paper's count)
 */
public record InteractionWords(long stories, List<String> prompts, long promptWords, long teacherWords, long studentWords) {

    public InteractionWords {
        prompts = prompts == null ? List.of() : List.copyOf(prompts); // null: a checkpoint written before prompts were kept
    }

    public static InteractionWords none() {
        return new InteractionWords(0, List.of(), 0, 0, 0);
    }

    /** The paper's definition: the distinct prompts' words once, plus every teacher answer. */
    public long paper() {
        return promptWords + teacherWords;
    }

    /** Everything exchanged, the student's words included. */
    public long total() {
        return paper() + studentWords;
    }

    /** After one more story: {@code prompt} sent (counted if new), {@code response} written, an answer of {@code teacherAnswerWords}. */
    public InteractionWords plus(String prompt, String response, int teacherAnswerWords) {
        var seen = prompts;
        long newPromptWords = 0;
        if (!prompts.contains(prompt)) {
            var more = new ArrayList<>(prompts);
            more.add(prompt);
            seen = more;
            newPromptWords = Words.count(prompt);
        }
        return new InteractionWords(stories + 1, seen, promptWords + newPromptWords, teacherWords + teacherAnswerWords,
                studentWords + Words.count(response));
    }

    @Override
    public String toString() {
        return String.format("%,d interaction words (%,d stories: %,d teacher words + %,d words of %d distinct prompts; the student wrote %,d)",
                paper(), stories, teacherWords, promptWords, prompts.size(), studentWords);
    }
}
