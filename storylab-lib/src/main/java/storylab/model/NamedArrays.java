package storylab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of named float32 arrays (parameters, optimizer moments): a magic line, then name, shape and
 * little-endian data per array. Our own format so that checkpoints need nothing but this class to read.
 * Always float32, also after bf16 mixed-precision training (whose weights stay float32): checkpoints move
 * between machines with and without bf16.
 */
public final class NamedArrays {

    private static final String MAGIC = "storylab-arrays/1";

    private NamedArrays() {}

    public static void write(Path file, Map<String, NDArray> arrays) throws IOException {
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(arrays.size());
            for (var e : arrays.entrySet()) {
                long[] dims = e.getValue().getShape().getShape();
                out.writeUTF(e.getKey());
                out.writeInt(dims.length);
                for (long d : dims) out.writeLong(d);
                float[] data = e.getValue().toFloatArray();
                var bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(data);
                out.write(bytes.array());
            }
        }
    }

    /** Reads every array into {@code manager}; a truncated or foreign file fails with its name in the message. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        var arrays = new LinkedHashMap<String, NDArray>();
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                throw new IOException(file + " is not a StoryLab array file (unreadable header)", e);
            }
            if (magic.startsWith("storylab-arrays/") && !MAGIC.equals(magic))
                throw new IOException(file + " was written by another StoryLab build (format \"" + magic + "\"; this build reads \"" + MAGIC
                        + "\": float32 arrays only, whatever precision training used). Load it with the build that wrote it and save it"
                        + " again as float32, or train it again with this build");
            if (!MAGIC.equals(magic)) throw new IOException(file + " is not a StoryLab array file (header \"" + magic + "\", expected \"" + MAGIC + "\")");
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long[] dims = new long[in.readInt()];
                for (int k = 0; k < dims.length; k++) dims[k] = in.readLong();
                var shape = new Shape(dims);
                byte[] bytes = new byte[Math.toIntExact(shape.size() * 4)];
                in.readFully(bytes);
                float[] data = new float[bytes.length / 4];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
                arrays.put(name, manager.create(data, shape));
            }
        } catch (EOFException e) {
            arrays.values().forEach(NDArray::close);
            throw new IOException(file + " is truncated (corrupt checkpoint?)", e);
        }
        return arrays;
    }
}
