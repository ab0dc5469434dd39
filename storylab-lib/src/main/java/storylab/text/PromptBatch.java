package storylab.text;

import java.util.Arrays;
import java.util.List;
import storylab.data.Pair;

/**
 * Instruction/story pairs for a decoder-only model: each row is instruction {@code <|sep|>} story
 * {@code <|endoftext|>}, input = all but the last token, target = all but the first, and the loss mask is 1
 * only where the target is a story token or the final end-of-text (the instruction is context, not a
 * target). Rows are padded to the longest (at most {@code maxLength} tokens); the instruction is cut first.
 */
public record PromptBatch(int[][] input, int[][] target, int[][] lossMask) {

    public static PromptBatch of(Tokenizer tokenizer, List<Pair> pairs, int maxLength) {
        int n = pairs.size(), pad = tokenizer.pad(), sep = tokenizer.special("<|sep|>"), eot = tokenizer.eot();
        int[][] rows = new int[n][];
        int[] storyStart = new int[n];
        int width = 1;
        for (int i = 0; i < n; i++) {
            int[] ins = tokenizer.encode(pairs.get(i).instruction()), story = tokenizer.encode(pairs.get(i).story());
            int keepStory = Math.min(story.length, maxLength - 2);
            int keepIns = Math.max(0, Math.min(ins.length, maxLength - 2 - keepStory));
            int[] row = new int[keepIns + 1 + keepStory + 1];
            System.arraycopy(ins, 0, row, 0, keepIns);
            row[keepIns] = sep;
            System.arraycopy(story, 0, row, keepIns + 1, keepStory);
            row[row.length - 1] = eot;
            rows[i] = row;
            storyStart[i] = keepIns + 1;
            width = Math.max(width, row.length - 1);
        }
        int[][] input = new int[n][width], target = new int[n][width], loss = new int[n][width];
        for (int i = 0; i < n; i++) {
            Arrays.fill(input[i], pad);
            Arrays.fill(target[i], pad);
            int len = rows[i].length - 1;
            System.arraycopy(rows[i], 0, input[i], 0, len);
            System.arraycopy(rows[i], 1, target[i], 0, len);
            // target t is row[t + 1]: a story token or the final eot when t + 1 ≥ storyStart
            for (int t = Math.max(0, storyStart[i] - 1); t < len; t++) loss[i][t] = 1;
        }
        return new PromptBatch(input, target, loss);
    }
}
