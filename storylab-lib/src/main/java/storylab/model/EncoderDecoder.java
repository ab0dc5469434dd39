package storylab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The encoder–decoder transformer of paper B: the encoder reads the instruction with bidirectional
 * self-attention, the decoder writes the story with causal self-attention plus cross-attention to the
 * encoder's output. Same parts as {@link Gpt} (pre-LayerNorm, GELU MLP, fused PyTorch ops); one token
 * embedding is shared by encoder, decoder and the tied output head. Padding in the instruction is masked
 * out of attention, padding in the story out of the loss.
 */
public final class EncoderDecoder implements AutoCloseable {

    /** Shapes; {@code sourceContext} bounds the instruction, {@code context} the story. */
    public record Config(int vocab, int sourceContext, int context, int d, int encoderLayers, int decoderLayers, int heads, long seed) {
        public Config {
            if (d % heads != 0) throw new IllegalArgumentException("d " + d + " is not divisible by heads " + heads);
        }

        public static Config tiny(int vocab) {
            return new Config(vocab, 64, 128, 192, 2, 4, 4, 1337);
        }

        public Config withD(int w) { return new Config(vocab, sourceContext, context, w, encoderLayers, decoderLayers, heads, seed); }
        public Config withLayers(int enc, int dec) { return new Config(vocab, sourceContext, context, d, enc, dec, heads, seed); }
        public Config withHeads(int h) { return new Config(vocab, sourceContext, context, d, encoderLayers, decoderLayers, h, seed); }
        public Config withContexts(int source, int target) { return new Config(vocab, source, target, d, encoderLayers, decoderLayers, heads, seed); }
        public Config withSeed(long s) { return new Config(vocab, sourceContext, context, d, encoderLayers, decoderLayers, heads, s); }

        public int headDim() {
            return d / heads;
        }
    }

    record Encoder(NDArray ln1W, NDArray ln1B, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB,
                   NDArray ln2W, NDArray ln2B, NDArray fcW, NDArray fcB, NDArray fc2W, NDArray fc2B) {}

    record Decoder(NDArray ln1W, NDArray ln1B, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB,
                   NDArray lnxW, NDArray lnxB, NDArray qW, NDArray qB, NDArray kvW, NDArray kvB, NDArray xprojW, NDArray xprojB,
                   NDArray ln2W, NDArray ln2B, NDArray fcW, NDArray fcB, NDArray fc2W, NDArray fc2B) {}

    private final Config config;
    private final int pad;
    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final NDArray wte, wpeSource, wpeTarget, lnEncW, lnEncB, lnfW, lnfB, causalMask, scale;
    private final List<Encoder> encoder = new ArrayList<>();
    private final List<Decoder> decoder = new ArrayList<>();

    /** @param pad the padding id of the tokenizer: masked in attention over the instruction and in the loss */
    public EncoderDecoder(Config config, int pad) {
        this.config = config;
        this.pad = pad;
        var rng = new Random(config.seed());
        int d = config.d();
        double residual = 0.02 / Math.sqrt(2.0 * (config.encoderLayers() + config.decoderLayers()));
        wte = normal(rng, "wte", 0.02, config.vocab(), d);
        wpeSource = normal(rng, "wpe.src", 0.02, config.sourceContext(), d);
        wpeTarget = normal(rng, "wpe.tgt", 0.02, config.context(), d);
        for (int l = 0; l < config.encoderLayers(); l++) {
            String p = "enc" + l + ".";
            encoder.add(new Encoder(ones(p + "ln1.w", d), zeros(p + "ln1.b", d),
                    normal(rng, p + "attn.qkv.w", 0.02, 3 * d, d), zeros(p + "attn.qkv.b", 3 * d),
                    normal(rng, p + "attn.proj.w", residual, d, d), zeros(p + "attn.proj.b", d),
                    ones(p + "ln2.w", d), zeros(p + "ln2.b", d),
                    normal(rng, p + "mlp.fc.w", 0.02, 4 * d, d), zeros(p + "mlp.fc.b", 4 * d),
                    normal(rng, p + "mlp.proj.w", residual, d, 4 * d), zeros(p + "mlp.proj.b", d)));
        }
        lnEncW = ones("enc.lnf.w", d);
        lnEncB = zeros("enc.lnf.b", d);
        for (int l = 0; l < config.decoderLayers(); l++) {
            String p = "dec" + l + ".";
            decoder.add(new Decoder(ones(p + "ln1.w", d), zeros(p + "ln1.b", d),
                    normal(rng, p + "attn.qkv.w", 0.02, 3 * d, d), zeros(p + "attn.qkv.b", 3 * d),
                    normal(rng, p + "attn.proj.w", residual, d, d), zeros(p + "attn.proj.b", d),
                    ones(p + "lnx.w", d), zeros(p + "lnx.b", d),
                    normal(rng, p + "cross.q.w", 0.02, d, d), zeros(p + "cross.q.b", d),
                    normal(rng, p + "cross.kv.w", 0.02, 2 * d, d), zeros(p + "cross.kv.b", 2 * d),
                    normal(rng, p + "cross.proj.w", residual, d, d), zeros(p + "cross.proj.b", d),
                    ones(p + "ln2.w", d), zeros(p + "ln2.b", d),
                    normal(rng, p + "mlp.fc.w", 0.02, 4 * d, d), zeros(p + "mlp.fc.b", 4 * d),
                    normal(rng, p + "mlp.proj.w", residual, d, 4 * d), zeros(p + "mlp.proj.b", d)));
        }
        lnfW = ones("lnf.w", d);
        lnfB = zeros("lnf.b", d);
        int T = config.context();
        float[] mask = new float[T * T];
        for (int i = 0; i < T; i++) for (int j = i + 1; j < T; j++) mask[i * T + j] = Float.NEGATIVE_INFINITY;
        causalMask = manager.create(mask, new Shape(T, T));
        scale = manager.create((float) (1.0 / Math.sqrt(config.headDim())));
    }

    public Config config() {
        return config;
    }

    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /**
     * The encoder's output [B·S, d] for instructions [B, S], the additive padding mask [B, 1, 1, S], and [B, 1, 1]:
     * 1 where the instruction has a token, 0 where it is empty.
     */
    public NDList encode(NDArray source) {
        long B = source.getShape().get(0), S = source.getShape().get(1);
        int H = config.heads(), hd = config.headDim();
        var keep = source.neq(pad); // [B, S] booleans
        var mask = keep.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sub(1).mul(1e9f).reshape(B, 1, 1, S); // 0 or -1e9
        var x = JniUtils.embedding((PtNDArray) source, (PtNDArray) wte, false)
                .add(Ops.slice(wpeSource, source, 0, S, 0, config.d())).reshape(B * S, config.d());
        for (var e : encoder) {
            NDList qkv = Ops.heads(Ops.linear(Ops.layerNorm(x, e.ln1W, e.ln1B), e.qkvW, e.qkvB), B, S, 3, H, hd);
            x = x.add(Ops.linear(Ops.attend(qkv.get(0), qkv.get(1), qkv.get(2), scale, mask), e.projW, e.projB));
            x = x.add(Ops.mlp(Ops.layerNorm(x, e.ln2W, e.ln2B), e.fcW, e.fcB, e.fc2W, e.fc2B));
        }
        // 1 for instructions with at least one token, 0 for empty ones (all padding): see decode
        var present = keep.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).max(new int[] {1}).reshape(B, 1, 1);
        return new NDList(Ops.layerNorm(x, lnEncW, lnEncB), mask, present);
    }

    /** Logits [B, T, vocab] of the story tokens [B, T] given the instructions [B, S]. */
    public NDArray logits(NDArray source, NDArray target) {
        long B = target.getShape().get(0), T = target.getShape().get(1);
        return decode(encode(source), source.getShape().get(1), target).reshape(B, T, config.vocab());
    }

    /** Mean cross-entropy over the non-padding story targets. */
    public NDArray loss(NDArray source, NDArray targetIn, NDArray targetOut) {
        var logp = decode(encode(source), source.getShape().get(1), targetIn).logSoftmax(-1); // [B·T, V]
        var picked = logp.gather(targetOut.reshape(-1, 1), -1).reshape(-1);
        var keep = targetOut.reshape(-1).neq(pad).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return picked.mul(keep).sum().div(keep.sum().maximum(1f)).neg();
    }

    private NDArray decode(NDList encoded, long S, NDArray target) {
        long B = target.getShape().get(0), T = target.getShape().get(1);
        if (T > config.context()) throw new IllegalArgumentException("story of " + T + " tokens exceeds the context of " + config.context());
        int H = config.heads(), hd = config.headDim();
        NDArray memory = encoded.get(0), padMask = encoded.get(1), present = encoded.get(2);
        var x = JniUtils.embedding((PtNDArray) target, (PtNDArray) wte, false)
                .add(Ops.slice(wpeTarget, target, 0, T, 0, config.d())).reshape(B * T, config.d());
        var causal = Ops.slice(causalMask, target, 0, T, 0, T);
        for (var b : decoder) {
            NDList qkv = Ops.heads(Ops.linear(Ops.layerNorm(x, b.ln1W, b.ln1B), b.qkvW, b.qkvB), B, T, 3, H, hd);
            x = x.add(Ops.linear(Ops.attend(qkv.get(0), qkv.get(1), qkv.get(2), scale, causal), b.projW, b.projB));
            var q = Ops.heads(Ops.linear(Ops.layerNorm(x, b.lnxW, b.lnxB), b.qW, b.qB), B, T, 1, H, hd).get(0);
            NDList kv = Ops.heads(Ops.linear(memory, b.kvW, b.kvB), B, S, 2, H, hd);
            // An empty instruction reads nothing: attending uniformly over its padding would feed the decoder a
            // constant that pretraining (all-empty instructions) trains it to rely on, so that later real
            // instructions only perturb that constant and the decoder learns to ignore the encoder.
            var read = Ops.attend(q, kv.get(0), kv.get(1), scale, padMask).reshape(B, T, config.d()).mul(present).reshape(B * T, config.d());
            x = x.add(Ops.linear(read, b.xprojW, b.xprojB));
            x = x.add(Ops.mlp(Ops.layerNorm(x, b.ln2W, b.ln2B), b.fcW, b.fcB, b.fc2W, b.fc2B));
        }
        return Ops.linear(Ops.layerNorm(x, lnfW, lnfB), wte, null);
    }

    /** Greedy or sampled continuation of {@code start} for one instruction, drawn as {@code s} says (no cache: paper B's stories are short). */
    public int[] generate(int[] source, int[] start, Sampling s, int eot) {
        var rng = new java.util.SplittableRandom(s.seed());
        var draw = new TokenDraw(config.vocab());
        var out = new ArrayList<Integer>();
        for (int t : start) out.add(t);
        try (var m = NDManager.newBaseManager()) {
            var src = m.create(java.util.Arrays.stream(source).asLongStream().toArray(), new Shape(1, source.length));
            var encoded = encode(src);
            for (int i = 0; i < s.maxTokens() && out.size() < config.context(); i++) {
                try (var step = m.newSubManager()) {
                    var tgt = step.create(out.stream().mapToLong(Integer::longValue).toArray(), new Shape(1, out.size()));
                    var logits = decode(encoded, source.length, tgt).get(out.size() - 1);
                    if (s.temperature() > 0) logits = logits.div((float) s.temperature());
                    float[] p = logits.softmax(-1).toFloatArray();
                    int next = draw.draw(p, 0, s, rng);
                    out.add(next);
                    if (s.stopAtEot() && next == eot) break;
                }
            }
        }
        return out.stream().skip(start.length).mapToInt(Integer::intValue).toArray();
    }

    public void save(Path file) throws IOException {
        NamedArrays.write(file, params);
    }

    /** Loads parameters saved by {@link #save} into a model of shape {@code config}. */
    public static EncoderDecoder load(Config config, int pad, Path file) throws IOException {
        var model = new EncoderDecoder(config, pad);
        try (var tmp = NDManager.newBaseManager()) {
            var arrays = NamedArrays.read(file, tmp);
            for (var e : model.params.entrySet()) {
                var src = arrays.get(e.getKey());
                if (src == null || !src.getShape().equals(e.getValue().getShape())) {
                    model.close();
                    throw new IOException(file + ": parameter " + e.getKey() + " is missing or has another shape than " + config + " needs");
                }
                Torch.copyInto(e.getValue(), src);
            }
        }
        return model;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "EncoderDecoder(" + config + ", " + parameterCount() + " parameters)";
    }

    private NDArray normal(Random rng, String name, double std, long... shape) {
        float[] data = new float[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < data.length; i++) data[i] = (float) (rng.nextGaussian() * std);
        return register(name, Torch.owned(manager.create(data, new Shape(shape))));
    }

    private NDArray zeros(String name, long n) {
        return register(name, manager.zeros(new Shape(n)));
    }

    private NDArray ones(String name, long n) {
        return register(name, manager.ones(new Shape(n)));
    }

    private NDArray register(String name, NDArray a) {
        a.setRequiresGradient(true);
        params.put(name, a);
        return a;
    }
}
