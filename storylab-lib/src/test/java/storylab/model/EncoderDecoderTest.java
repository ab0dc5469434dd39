package storylab.model;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import storylab.text.ByteTokenizer;
import storylab.train.AdamW;
import storylab.train.Backprop;

class EncoderDecoderTest {

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        storylab.model.Torch.threads(1); // small models on a shared machine: see Torch
    }

    static final EncoderDecoder.Config SMALL = new EncoderDecoder.Config(259, 16, 16, 48, 1, 2, 4, 5);
    static final int PAD = new ByteTokenizer().pad(), EOT = new ByteTokenizer().eot();

    @Test
    void decoderIsCausalAndReadsTheInstructionButNotItsPadding() {
        try (var model = new EncoderDecoder(SMALL, PAD); var m = NDManager.newBaseManager()) {
            var src = m.create(new long[] {10, 11, 12, PAD, PAD}, new Shape(1, 5));
            var tgt = m.create(new long[] {EOT, 5, 6, 7}, new Shape(1, 4));
            int V = SMALL.vocab();
            float[] base = model.logits(src, tgt).toFloatArray();
            assertEquals(4 * V, base.length);
            float[] future = model.logits(src, m.create(new long[] {EOT, 5, 99, 7}, new Shape(1, 4))).toFloatArray();
            for (int i = 0; i < 2 * V; i++) assertEquals(base[i], future[i], 0f, "a later story token changed an earlier logit");
            float[] otherInstruction = model.logits(m.create(new long[] {10, 13, 12, PAD, PAD}, new Shape(1, 5)), tgt).toFloatArray();
            assertNotEquals(base[0], otherInstruction[0], "cross-attention reads the instruction");
            float[] otherPadding = model.logits(m.create(new long[] {10, 11, 12, PAD, PAD, PAD}, new Shape(1, 6)), tgt).toFloatArray();
            for (int i = 0; i < base.length; i++) assertEquals(base[i], otherPadding[i], 1e-5f, "padding is masked out");
        }
    }

    @Test
    void learnsToWriteWhatTheInstructionAsks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var tok = new ByteTokenizer();
        String[][] pairs = {{"cat", "the cat sat."}, {"dog", "a dog ran."}, {"sun", "sun is hot."}, {"owl", "owls hoot."}};
        int S = 4, T = 13;
        long[] src = new long[pairs.length * S], in = new long[pairs.length * T], out = new long[pairs.length * T];
        java.util.Arrays.fill(src, PAD);
        java.util.Arrays.fill(in, PAD);
        java.util.Arrays.fill(out, PAD);
        for (int i = 0; i < pairs.length; i++) {
            int[] s = tok.encode(pairs[i][0]), t = tok.encode(pairs[i][1]);
            for (int j = 0; j < s.length; j++) src[i * S + j] = s[j];
            in[i * T] = EOT;
            for (int j = 0; j < t.length; j++) { in[i * T + j + 1] = t[j]; out[i * T + j] = t[j]; }
            out[i * T + t.length] = EOT;
        }
        try (var model = new EncoderDecoder(SMALL, PAD); var m = NDManager.newBaseManager();
             var opt = new AdamW(model.parameters(), AdamW.Settings.defaults().withWeightDecay(0))) {
            var x = m.create(src, new Shape(pairs.length, S));
            var yin = m.create(in, new Shape(pairs.length, T));
            var yout = m.create(out, new Shape(pairs.length, T));
            float loss = 0;
            for (int step = 0; step < 200; step++) {
                try (var s = m.newSubManager()) {
                    loss = Backprop.lossAndGradients(() -> model.loss(x, yin, yout), 1.0);
                    opt.step(3e-3);
                }
            }
            assertTrue(loss < 0.05, "overfits four instruction→story pairs: " + loss);
            int[] story = model.generate(tok.encode("dog"), new int[] {EOT}, Sampling.defaults().withTemperature(0).withMaxTokens(15), EOT);
            assertEquals("a dog ran.", tok.decode(story));
            model.save(dir.resolve("encdec.bin"));
            try (var back = EncoderDecoder.load(SMALL, PAD, dir.resolve("encdec.bin"))) {
                assertArrayEquals(story, back.generate(tok.encode("dog"), new int[] {EOT}, Sampling.defaults().withTemperature(0).withMaxTokens(15), EOT));
            }
        }
    }
}
