package storylab.teacher;

/**
 * The instructions an LLM teacher receives: paper A's three criteria and 0–3 scale, in this project's own
 * words, asking for three integers and nothing else (the answer is capped at a few tokens).
 */
public record RubricPrompt(String system, String userTemplate) {

    public static final RubricPrompt DEFAULT = new RubricPrompt("""
            You grade very short stories written by a small language model that is learning to write. \
            The story continues an opening line. Grade three things, each with a whole number from 0 to 3:
            1. Readability: 0 = so many grammar mistakes that it is hard to follow; 1 = many mistakes; \
            2 = a few mistakes; 3 = grammatical and pleasant to read.
            2. Coherence: 0 = not a story, makes no sense, or far too short; 1 = parts connect but it wanders \
            or stops in the middle; 2 = mostly hangs together and is not cut off; 3 = hangs together with a \
            clear, logical course of events.
            3. Creativity: 0 = dull or impossible to understand; 1 = predictable; 2 = has some original ideas; \
            3 = original, imaginative and engaging.
            A story that is empty or has not even one complete sentence gets 0 0 0.
            Reply with exactly three numbers separated by spaces, in the order readability, coherence, \
            creativity, for example: 2 1 2. Write nothing else.""",
            "Opening line: {prompt}\nStory (about 80 words, written after the opening line):\n{story}");

    public String user(String prompt, String story) {
        return userTemplate.replace("{prompt}", prompt == null ? "" : prompt).replace("{story}", story == null ? "" : story);
    }
}
