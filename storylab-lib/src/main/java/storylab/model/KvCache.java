package storylab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for a batch of sequences, preallocated at full context length so that a
 * decoding step writes one column in place instead of concatenating (which would copy the whole cache).
 */
public final class KvCache implements AutoCloseable {

    record Layer(NDArray k, NDArray v) {}

    private final NDManager manager;
    private final Layer[] layers;
    private final int batch;

    KvCache(NDManager owner, GptConfig c, int batch) {
        this.manager = owner.newSubManager();
        this.batch = batch;
        this.layers = new Layer[c.layers()];
        var shape = new Shape(batch, c.heads(), c.context(), c.headDim());
        // Uninitialised: a step reads only the positions already written.
        for (int l = 0; l < layers.length; l++) layers[l] = new Layer(manager.create(shape), manager.create(shape));
    }

    Layer layer(int l) {
        return layers[l];
    }

    public int batch() {
        return batch;
    }

    @Override
    public void close() {
        manager.close();
    }
}
