package storylab.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import storylab.model.Torch;
import storylab.model.NamedArrays;

/**
 * The critic: one linear layer from the policy's last hidden state to a scalar value per position,
 * sharing the trunk with the policy (as TRL's value head does).
 */
public final class ValueHead implements AutoCloseable {

    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final NDArray w, b;

    public ValueHead(int d, long seed) {
        var rng = new Random(seed);
        float[] init = new float[d];
        for (int i = 0; i < d; i++) init[i] = (float) (rng.nextGaussian() * 0.02);
        w = register("vhead.w", Torch.owned(manager.create(init, new Shape(d, 1))));
        b = register("vhead.b", manager.zeros(new Shape(1)));
    }

    private NDArray register(String name, NDArray a) {
        a.setRequiresGradient(true);
        params.put(name, a);
        return a;
    }

    /** Values [B, T] for hidden states [B, T, d]. */
    public NDArray values(NDArray hidden) {
        var s = hidden.getShape();
        return hidden.reshape(-1, s.get(2)).matMul(w).add(b).reshape(s.get(0), s.get(1));
    }

    public Map<String, NDArray> parameters() {
        return java.util.Collections.unmodifiableMap(params);
    }

    public void save(Path file) throws IOException {
        NamedArrays.write(file, params);
    }

    public void load(Path file) throws IOException {
        try (var tmp = NDManager.newBaseManager()) {
            var loaded = NamedArrays.read(file, tmp);
            for (var e : params.entrySet()) {
                var src = loaded.get(e.getKey());
                if (src == null || !src.getShape().equals(e.getValue().getShape()))
                    throw new IOException(file + ": value head parameter " + e.getKey() + " is missing or of another shape");
                Torch.copyInto(e.getValue(), src);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
