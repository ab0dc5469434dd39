package storylab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import storylab.text.Tokenizer;

/**
 * A decoder-only transformer in GPT-2's shape, written top to bottom like nanoGPT: token and learned
 * position embeddings, pre-LayerNorm blocks of causal multi-head attention and a GELU MLP, a final
 * LayerNorm, and an output head tied to the token embedding.
 *
 * <p>The parameters are plain PyTorch tensors that this class owns; the forward pass calls PyTorch's fused
 * kernels (linear = addmm, layer_norm, gelu, softmax, log_softmax) directly, which is both shorter and
 * faster than a stack of DJL blocks. Results of a forward pass attach to the manager of the input tokens,
 * so callers scope each step with a sub-manager and memory stays flat.
 */
public final class Gpt implements AutoCloseable {

    /** The weights of one block, in the order they are used. Linear weights are [out, in], as in PyTorch. */
    record Block(NDArray ln1W, NDArray ln1B, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB,
                 NDArray ln2W, NDArray ln2B, NDArray fcW, NDArray fcB, NDArray fc2W, NDArray fc2B) {}

    private final GptConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private NDArray wte, wpe, lnfW, lnfB;
    private final List<Block> blocks = new ArrayList<>();
    private final NDArray causalMask; // [ctx, ctx]: 0 on and below the diagonal, -inf above
    private final NDArray scale; // 1/sqrt(head dim) as a float32 scalar tensor (a Java number would be converted every call)

    private Gpt(GptConfig config, Map<String, NDArray> loaded) {
        this.config = config;
        this.manager = NDManager.newBaseManager();
        try {
            causalMask = build(loaded);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        scale = manager.create((float) (1.0 / Math.sqrt(config.headDim())));
    }

    /** Creates the parameters (or adopts loaded ones) and returns the causal mask. */
    private NDArray build(Map<String, NDArray> loaded) {
        int d = config.d(), L = config.layers();
        var init = new Init(new Random(config.seed()), loaded);
        double residualStd = 0.02 / Math.sqrt(2.0 * L); // GPT-2: residual projections scaled by 1/sqrt(2·layers)
        wte = init.normal("wte", 0.02, config.vocab(), d);
        wpe = init.normal("wpe", 0.02, config.context(), d);
        for (int l = 0; l < L; l++) {
            String p = "h" + l + ".";
            blocks.add(new Block(
                    init.ones(p + "ln1.w", d), init.zeros(p + "ln1.b", d),
                    init.normal(p + "attn.qkv.w", 0.02, 3 * d, d), init.zeros(p + "attn.qkv.b", 3 * d),
                    init.normal(p + "attn.proj.w", residualStd, d, d), init.zeros(p + "attn.proj.b", d),
                    init.ones(p + "ln2.w", d), init.zeros(p + "ln2.b", d),
                    init.normal(p + "mlp.fc.w", 0.02, 4 * d, d), init.zeros(p + "mlp.fc.b", 4 * d),
                    init.normal(p + "mlp.proj.w", residualStd, d, 4 * d), init.zeros(p + "mlp.proj.b", d)));
        }
        lnfW = init.ones("lnf.w", d);
        lnfB = init.zeros("lnf.b", d);
        if (loaded != null && !loaded.keySet().equals(params.keySet()))
            throw new IllegalArgumentException("parameters do not match " + config + ": unexpected " + loaded.keySet());
        int T = config.context();
        float[] mask = new float[T * T];
        for (int i = 0; i < T; i++) for (int j = i + 1; j < T; j++) mask[i * T + j] = Float.NEGATIVE_INFINITY;
        return manager.create(mask, new Shape(T, T));
    }

    public static Gpt create(GptConfig config) {
        return new Gpt(config, null);
    }

    public static Gpt tiny(int vocab) {
        return create(GptConfig.tiny(vocab));
    }

    public static Gpt small(int vocab) {
        return create(GptConfig.small(vocab));
    }

    public static Gpt gpt2Small() {
        return create(GptConfig.gpt2Small());
    }

    public GptConfig config() {
        return config;
    }

    /** Every trainable array by name, in a stable order (the tied head is {@code wte}). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    // ---------------------------------------------------------------- forward

    /** Logits [B, T, vocab] for tokens [B, T] (int64, T ≤ context). */
    public NDArray logits(NDArray tokens) {
        long B = tokens.getShape().get(0), T = tokens.getShape().get(1);
        return head(trunk(tokens, 0, null)).reshape(B, T, config.vocab());
    }

    /** Mean next-token cross-entropy of {@code inputs} [B, T] against {@code targets} [B, T]. */
    public NDArray loss(NDArray inputs, NDArray targets) {
        return tokenLogProbs(inputs, targets).mean().neg();
    }

    /** log p(target | prefix) per position, [B, T]: what PPO and evaluation need. */
    public NDArray tokenLogProbs(NDArray inputs, NDArray targets) {
        var logp = head(trunk(inputs, 0, null)).logSoftmax(-1); // [B·T, V]
        return logp.gather(targets.reshape(-1, 1), -1).reshape(targets.getShape());
    }

    /**
     * One forward pass for PPO: log p(target | prefix) per position [B, T], and the hidden states after the
     * final LayerNorm [B, T, d] — what the value head reads (the "shared trunk" of policy and value).
     */
    public NDList logProbsAndHidden(NDArray inputs, NDArray targets) {
        long B = inputs.getShape().get(0), T = inputs.getShape().get(1);
        var h = layerNorm(trunk(inputs, 0, null), lnfW, lnfB); // [B·T, d]
        var logp = linear(h, wte, null).logSoftmax(-1).gather(targets.reshape(-1, 1), -1).reshape(targets.getShape());
        return new NDList(logp, h.reshape(B, T, config.d()));
    }

    /**
     * The hidden states after the last block for tokens [B, T] at positions pos0.., as a [B·T, d] matrix:
     * keeping activations 2-D lets every linear layer run as one fused addmm.
     */
    NDArray trunk(NDArray tokens, int pos0, KvCache cache) {
        long B = tokens.getShape().get(0), T = tokens.getShape().get(1);
        if (pos0 + T > config.context())
            throw new IllegalArgumentException("positions " + pos0 + ".." + (pos0 + T) + " exceed the context of " + config.context());
        var pos = Ops.slice(wpe, tokens, pos0, pos0 + T, 0, config.d()); // [T, d], broadcast over the batch
        var x = JniUtils.embedding((PtNDArray) tokens, (PtNDArray) wte, false).add(pos).reshape(B * T, config.d());
        for (int l = 0; l < blocks.size(); l++) {
            var b = blocks.get(l);
            x = x.add(attention(b, layerNorm(x, b.ln1W, b.ln1B), B, T, pos0, cache == null ? null : cache.layer(l)));
            x = x.add(mlp(b, layerNorm(x, b.ln2W, b.ln2B)));
        }
        return x;
    }

    /** Final LayerNorm and the tied output head: [N, d] → [N, vocab]. */
    NDArray head(NDArray x) {
        return linear(layerNorm(x, lnfW, lnfB), wte, null);
    }

    private NDArray mlp(Block b, NDArray x) {
        return Ops.mlp(x, b.fcW, b.fcB, b.fc2W, b.fc2B);
    }

    /**
     * Causal self-attention over x [B·T, d]. Without a cache the T×T scores get the additive causal mask.
     * With a cache the new keys and values are written in place into the preallocated [B, H, context, hd]
     * buffers at pos0.., and the queries attend to the prefix 0..pos0+T (a view, no copy).
     */
    private NDArray attention(Block b, NDArray x, long B, long T, int pos0, KvCache.Layer cache) {
        int H = config.heads(), hd = config.headDim();
        NDList qkv = Ops.heads(linear(x, b.qkvW, b.qkvB), B, T, 3, H, hd); // 3 × [B, H, T, hd]
        NDArray q = qkv.get(0), k = qkv.get(1), v = qkv.get(2);
        long end = pos0 + T;
        if (cache != null) {
            var step = (PtNDManager) x.getManager();
            long[] from = {0, 0, pos0, 0}, to = {B, H, end, hd}, one = {1, 1, 1, 1}, zero = {0, 0, 0, 0};
            JniUtils.indexSet((PtNDArray) cache.k(), (PtNDArray) k, from, to, one);
            JniUtils.indexSet((PtNDArray) cache.v(), (PtNDArray) v, from, to, one);
            k = JniUtils.index((PtNDArray) cache.k(), zero, to, one, step);
            v = JniUtils.index((PtNDArray) cache.v(), zero, to, one, step);
        }
        var mask = T > 1 ? Ops.slice(causalMask, x, pos0, end, 0, end) : null; // one new token may see everything before it
        return linear(Ops.attend(q, k, v, scale, mask), b.projW, b.projB);
    }

    // ---------------------------------------------------------------- sampling

    /** A fluent sampler: {@code model.sampler(tok).temperature(0.8).topK(40).seed(1).sample("Once upon a time")}. */
    public Sampler sampler(Tokenizer tokenizer) {
        return new Sampler(this, tokenizer);
    }

    /** Logits of the last position, [B, vocab], after feeding {@code tokens} [B, T] at {@code pos0} through the cache. */
    NDArray lastLogits(NDArray tokens, int pos0, KvCache cache) {
        var x = trunk(tokens, pos0, cache);
        long B = tokens.getShape().get(0), T = tokens.getShape().get(1);
        if (T > 1) x = x.reshape(B, T, config.d()).get(new NDIndex(":, -1, :")); // only the last position needs the head
        return head(x);
    }

    /** The weights in the order the decoding-step module takes them: wte, wpe, lnf.w, lnf.b, then each block's 12. */
    List<NDArray> decodeWeights() {
        var out = new ArrayList<NDArray>(List.of(wte, wpe, lnfW, lnfB));
        for (var b : blocks)
            out.addAll(List.of(b.ln1W(), b.ln1B(), b.qkvW(), b.qkvB(), b.projW(), b.projB(), b.ln2W(), b.ln2B(), b.fcW(), b.fcB(), b.fc2W(), b.fc2B()));
        return out;
    }

    /** 1/sqrt(head dim) as a scalar tensor. */
    NDArray scale() {
        return scale;
    }

    /** A preallocated key/value cache for {@code batch} sequences; close it (or its manager) when done. */
    public KvCache newCache(NDManager owner, int batch) {
        return new KvCache(owner, config, batch);
    }

    // ---------------------------------------------------------------- persistence

    public void save(Path file) throws IOException {
        NamedArrays.write(file, params);
    }

    /** Loads parameters saved by {@link #save} for a model of shape {@code config}. */
    public static Gpt load(GptConfig config, Path file) throws IOException {
        try (var tmp = NDManager.newBaseManager()) {
            var arrays = NamedArrays.read(file, tmp);
            try {
                return new Gpt(config, arrays);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** An independent copy with the same weights (a frozen reference model for PPO, say). */
    public Gpt copy() {
        return new Gpt(config, params);
    }

    /** Overwrites this model's parameters with those of {@code other} (same config). */
    public void copyFrom(Map<String, NDArray> other) {
        for (var e : params.entrySet()) {
            var src = other.get(e.getKey());
            if (src == null || !src.getShape().equals(e.getValue().getShape()))
                throw new IllegalArgumentException("parameter " + e.getKey() + " missing or of another shape");
            Torch.copyInto(e.getValue(), src);
        }
    }

    /** Arrays this model's manager holds: constant over training when no step leaks into it (tests check). */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "Gpt(" + config + ")";
    }

    // ---------------------------------------------------------------- helpers

    private static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        return Ops.linear(x, w, bias);
    }

    private static NDArray layerNorm(NDArray x, NDArray w, NDArray b) {
        return Ops.layerNorm(x, w, b);
    }

    /** Creates (or adopts loaded) parameters, registering each by name with gradients on. */
    private final class Init {
        private final Random rng;
        private final Map<String, NDArray> loaded;

        Init(Random rng, Map<String, NDArray> loaded) {
            this.rng = rng;
            this.loaded = loaded;
        }

        NDArray normal(String name, double std, long... shape) {
            float[] data = new float[Math.toIntExact(new Shape(shape).size())];
            if (loaded == null) for (int i = 0; i < data.length; i++) data[i] = (float) (rng.nextGaussian() * std);
            return register(name, data, shape);
        }

        NDArray zeros(String name, long n) {
            return register(name, new float[(int) n], n);
        }

        NDArray ones(String name, long n) {
            float[] data = new float[(int) n];
            java.util.Arrays.fill(data, 1f);
            return register(name, data, n);
        }

        private NDArray register(String name, float[] data, long... shape) {
            NDArray array;
            if (loaded != null) {
                var src = loaded.get(name);
                if (src == null) throw new IllegalArgumentException("parameter " + name + " is missing");
                if (!src.getShape().equals(new Shape(shape)))
                    throw new IllegalArgumentException("parameter " + name + " has shape " + src.getShape() + ", the config needs " + new Shape(shape));
                array = Torch.copyOf(src, manager);
            } else {
                array = Torch.owned(manager.create(data, new Shape(shape)));
            }
            array.setRequiresGradient(true);
            params.put(name, array);
            return array;
        }
    }

}
