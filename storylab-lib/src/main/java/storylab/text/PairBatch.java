package storylab.text;

import java.util.Arrays;
import java.util.List;
import storylab.data.Pair;

/**
 * Instruction/story pairs as padded id matrices for an encoder-decoder: the encoder reads the instruction;
 * the decoder reads {@code <|sep|>} + story and predicts story + {@code <|endoftext|>}. Masks are 1 on real
 * tokens and 0 on padding; the loss mask also excludes padding. Sequences longer than the limits are cut
 * (a cut story loses its end-of-text).
 */
public record PairBatch(int[][] encoderIds, int[][] encoderMask, int[][] decoderInput, int[][] decoderTarget, int[][] lossMask) {

    public int size() {
        return encoderIds.length;
    }

    public static PairBatch of(Tokenizer tokenizer, List<Pair> pairs, int maxInstruction, int maxStory) {
        int n = pairs.size(), pad = tokenizer.pad(), sep = tokenizer.special("<|sep|>"), eot = tokenizer.eot();
        int[][] in = new int[n][], story = new int[n][];
        int inLen = 1, outLen = 1;
        for (int i = 0; i < n; i++) {
            in[i] = cut(tokenizer.encode(pairs.get(i).instruction()), maxInstruction);
            story[i] = cut(tokenizer.encode(pairs.get(i).story()), maxStory);
            inLen = Math.max(inLen, in[i].length);
            outLen = Math.max(outLen, Math.min(story[i].length + 1, maxStory));
        }
        int[][] encIds = new int[n][inLen], encMask = new int[n][inLen], decIn = new int[n][outLen], decOut = new int[n][outLen], loss = new int[n][outLen];
        for (int i = 0; i < n; i++) {
            Arrays.fill(encIds[i], pad);
            Arrays.fill(decIn[i], pad);
            Arrays.fill(decOut[i], pad);
            System.arraycopy(in[i], 0, encIds[i], 0, in[i].length);
            Arrays.fill(encMask[i], 0, in[i].length, 1);
            int m = Math.min(story[i].length + 1, outLen); // sep/eot make one extra token
            decIn[i][0] = sep;
            for (int t = 1; t < m; t++) decIn[i][t] = story[i][t - 1];
            for (int t = 0; t < m; t++) decOut[i][t] = t < story[i].length ? story[i][t] : eot;
            Arrays.fill(loss[i], 0, m, 1);
        }
        return new PairBatch(encIds, encMask, decIn, decOut, loss);
    }

    private static int[] cut(int[] ids, int max) {
        return ids.length <= max ? ids : Arrays.copyOf(ids, max);
    }
}
