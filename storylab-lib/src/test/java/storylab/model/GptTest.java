package storylab.model;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.text.ByteTokenizer;
import storylab.train.AdamW;
import storylab.train.Backprop;

class GptTest {

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        storylab.model.Torch.threads(1); // small models on a shared machine: see Torch
    }

    static final GptConfig SMALL = new GptConfig(259, 32, 64, 2, 4, 7);

    @Test
    void shapesAndParameterCount() {
        try (var model = Gpt.create(SMALL); var m = NDManager.newBaseManager()) {
            var tokens = m.create(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new Shape(2, 5));
            assertEquals(new Shape(2, 5, 259), model.logits(tokens).getShape());
            assertEquals(SMALL.parameters(), model.parameterCount());
        }
        long tiny = GptConfig.tiny(4096).parameters(), small = GptConfig.small(16_000).parameters(), gpt2 = GptConfig.gpt2Small().parameters();
        assertTrue(tiny > 1_000_000 && tiny < 4_000_000, "tiny " + tiny);
        assertTrue(small > 15_000_000 && small < 25_000_000, "small " + small);
        assertTrue(gpt2 > 90_000_000 && gpt2 < 110_000_000, "gpt2Small " + gpt2);
    }

    @Test
    void changingAFutureTokenNeverChangesAnEarlierLogit() {
        try (var model = Gpt.create(SMALL); var m = NDManager.newBaseManager()) {
            long[] a = {5, 17, 99, 3, 42, 7, 8, 200};
            long[] b = a.clone();
            b[5] = 250;
            float[] la = model.logits(m.create(a, new Shape(1, 8))).toFloatArray();
            float[] lb = model.logits(m.create(b, new Shape(1, 8))).toFloatArray();
            int V = SMALL.vocab();
            for (int i = 0; i < 5 * V; i++) assertEquals(la[i], lb[i], 0f, "position " + i / V);
            boolean later = false;
            for (int i = 5 * V; i < 8 * V; i++) later |= la[i] != lb[i];
            assertTrue(later, "the changed token must change its own and later logits");
        }
    }

    @Test
    void theDecodingStepModuleComputesWhatTheOpByOpPathComputes() {
        var tok = new ByteTokenizer();
        try (var model = Gpt.create(SMALL)) {
            assertTrue(DecodeStep.available(), "the module loads from the class path");
            for (double t : new double[] {1.0, 0.7, 0.0}) {
                var fused = model.sampler(tok).seed(8).maxTokens(30).stopAtEot(false).temperature(t).sample("Once", "A dragon sat", "");
                Samples plain;
                DecodeStep.enabled = false;
                try {
                    plain = model.sampler(tok).seed(8).maxTokens(30).stopAtEot(false).temperature(t).sample("Once", "A dragon sat", "");
                } finally {
                    DecodeStep.enabled = true;
                }
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(plain.tokens()[i], fused.tokens()[i], "temperature " + t + ", row " + i);
                    assertArrayEquals(plain.logProbs()[i], fused.logProbs()[i], 1e-5f, "the same function up to float rounding");
                    assertArrayEquals(plain.entropies()[i], fused.entropies()[i], 1e-5f);
                }
            }
        }
    }

    @Test
    void samplingIsReproducibleBySeedAndTheKvCacheChangesNothing() {
        var tok = new ByteTokenizer();
        try (var model = Gpt.create(SMALL)) {
            var kv = model.sampler(tok).seed(3).maxTokens(40).stopAtEot(false).sample("Once", "A dragon", "");
            var again = model.sampler(tok).seed(3).maxTokens(40).stopAtEot(false).sample("Once", "A dragon", "");
            var plain = model.sampler(tok).seed(3).maxTokens(40).stopAtEot(false).kvCache(false).sample("Once", "A dragon", "");
            var other = model.sampler(tok).seed(4).maxTokens(40).stopAtEot(false).sample("Once", "A dragon", "");
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(kv.tokens()[i], again.tokens()[i]);
                assertArrayEquals(kv.tokens()[i], plain.tokens()[i], "row " + i + " KV vs uncached");
                assertArrayEquals(kv.logProbs()[i], plain.logProbs()[i], 1e-4f);
                assertEquals(40, kv.tokens()[i].length);
            }
            assertFalse(java.util.Arrays.equals(kv.tokens()[0], other.tokens()[0]), "another seed, another sample");
            // Past the context the KV path falls back to a sliding window: still identical.
            var longKv = model.sampler(tok).seed(5).maxTokens(50).stopAtEot(false).temperature(0.7).topK(20).topP(0.9).sample("Hi");
            var longPlain = model.sampler(tok).seed(5).maxTokens(50).stopAtEot(false).temperature(0.7).topK(20).topP(0.9).kvCache(false).sample("Hi");
            assertArrayEquals(longKv.tokens()[0], longPlain.tokens()[0]);
            for (float h : kv.entropies()[0]) assertTrue(h > 0 && h <= Math.log(259) + 1e-3);
            assertNotNull(kv.toMimeBundle().get("text/markdown"));
        }
    }

    @Test
    void overfitsATinyCorpus(@TempDir Path dir) throws Exception {
        var tok = new ByteTokenizer();
        int[] ids = tok.encode("the cat sat on the mat. the dog ate the log. ");
        int T = 32;
        long[] in = new long[2 * T], tg = new long[2 * T];
        for (int r = 0; r < 2; r++) for (int t = 0; t < T; t++) { in[r * T + t] = ids[(r * 7 + t) % ids.length]; tg[r * T + t] = ids[(r * 7 + t + 1) % ids.length]; }
        try (var model = Gpt.create(SMALL); var m = NDManager.newBaseManager();
             var opt = new AdamW(model.parameters(), AdamW.Settings.defaults().withWeightDecay(0))) {
            var x = m.create(in, new Shape(2, T));
            var y = m.create(tg, new Shape(2, T));
            float first = 0, last = 0;
            for (int step = 0; step < 150; step++) {
                try (var s = m.newSubManager()) {
                    last = Backprop.lossAndGradients(model, x, y, 1.0);
                    if (step == 0) first = last;
                    opt.step(3e-3);
                }
            }
            assertTrue(first > 4.5, "starts near ln(259): " + first);
            assertTrue(last < 0.05, "overfits: final loss " + last);
            // Round trip through a file keeps the function.
            var file = dir.resolve("params.bin");
            model.save(file);
            try (var back = Gpt.load(SMALL, file)) {
                assertArrayEquals(model.logits(x).toFloatArray(), back.logits(x).toFloatArray(), 0f);
            }
            try (var twin = model.copy()) {
                assertArrayEquals(model.logits(x).toFloatArray(), twin.logits(x).toFloatArray(), 0f);
            }
            Files.writeString(file, "garbage");
            var e = assertThrows(java.io.IOException.class, () -> Gpt.load(SMALL, file));
            assertTrue(e.getMessage().contains("params.bin"), e.getMessage());
        }
    }
}
