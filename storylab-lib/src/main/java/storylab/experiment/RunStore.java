package storylab.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finished runs, keyed by a hash of their settings JSON. A run lives in {@code root/<kind>-<hash>/} with
 * {@code settings.json} next to {@code result.json}; a run whose result is there is never redone, so an
 * interrupted reproduction resumes where it stopped, and runs can later be spread over machines and merged.
 */
public final class RunStore {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** The work of one run: gets its own folder (for checkpoints, logs) and returns the result to keep. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Path folder) throws Exception;
    }

    private final Path root;

    private RunStore(Path root) {
        this.root = root;
    }

    public static RunStore at(Path root) {
        return new RunStore(root);
    }

    public Path root() {
        return root;
    }

    /** The settings as canonical JSON: what the key hashes. */
    public static String json(Object settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 12 hex digits of the SHA-256 of the settings JSON. */
    public static String key(Object settings) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(json(settings).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder of the run with these settings (whether or not it ran). */
    public Path folder(String kind, Object settings) {
        return root.resolve(kind + "-" + key(settings));
    }

    public boolean isDone(String kind, Object settings) {
        return Files.isRegularFile(folder(kind, settings).resolve("result.json"));
    }

    /** The stored result, or runs the work, stores its result next to the settings and returns it. */
    public <R> R run(String kind, Object settings, Class<R> resultType, Work<R> work) {
        Path dir = folder(kind, settings);
        Path result = dir.resolve("result.json");
        try {
            if (Files.isRegularFile(result)) {
                System.err.println("reusing finished run " + root.relativize(dir));
                return JSON.readValue(result.toFile(), resultType);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("settings.json"), json(settings));
            R r = work.run(dir);
            // Written atomically: a half-written result would be read back as a finished run.
            Path tmp = dir.resolve(".result.json.tmp");
            JSON.writeValue(tmp.toFile(), r);
            Files.move(tmp, result, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("run " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("run " + dir + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RunStore(" + root + ")";
    }

}
