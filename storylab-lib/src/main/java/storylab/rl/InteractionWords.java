package storylab.rl;

import storylab.data.Words;

/**
 * Word accounting for the interaction budget. Paper A counts, per story, the prompt's words once and the
 * teacher's short answer (about three words) — not the student's words: 331,200 stories of its prompt are
 * "1M words of interaction". We also count the student's words, so a run can stop on either definition.
 */
public record InteractionWords(long stories, long promptWords, long teacherWords, long studentWords) {

    public static InteractionWords none() {
        return new InteractionWords(0, 0, 0, 0);
    }

    /** The paper's definition: prompt + teacher answer words. */
    public long paper() {
        return promptWords + teacherWords;
    }

    /** Everything exchanged, the student's words included. */
    public long total() {
        return paper() + studentWords;
    }

    public InteractionWords plus(String prompt, String response, int teacherAnswerWords) {
        return new InteractionWords(stories + 1, promptWords + Words.count(prompt), teacherWords + teacherAnswerWords,
                studentWords + Words.count(response));
    }
}
