package storylab.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.text.Tokenizer;
import storylab.text.Tokenizers;

/**
 * A self-contained checkpoint folder: {@code config.json} (model + training config), {@code tokenizer.json},
 * {@code params.bin}, {@code optimizer.bin} (AdamW moments) and {@code state.json} (step, words, tokens,
 * data position, metrics so far). Written into a hidden temporary folder and renamed into place, so a crash
 * at any moment leaves either the whole checkpoint or none of it.
 */
public final class Checkpoint {

    public static final String FORMAT = "storylab-checkpoint/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What config.json holds. */
    public record Config(String format, GptConfig model, TrainConfig training) {}

    /** What state.json holds. */
    public record State(long step, double words, long tokens, DataState data, boolean interrupted, List<Point> metrics) {}

    private Checkpoint() {}

    public static Path write(Path runDir, String name, Gpt model, Tokenizer tokenizer, AdamW optimizer, TrainConfig training, State state) throws IOException {
        return writeAtomically(runDir, name, tmp -> {
            JSON.writeValue(tmp.resolve("config.json").toFile(), new Config(FORMAT, model.config(), training));
            tokenizer.save(tmp.resolve("tokenizer.json"));
            model.save(tmp.resolve("params.bin"));
            optimizer.save(tmp);
            JSON.writeValue(tmp.resolve("state.json").toFile(), state); // last: its presence marks a complete folder
        });
    }

    /** Fills a folder's files. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path folder) throws IOException;
    }

    /**
     * Writes a checkpoint folder {@code runDir/name} so that a crash never leaves half of one: the files go to
     * a hidden temporary folder first, which is then renamed into place (replacing an older one).
     */
    public static Path writeAtomically(Path runDir, String name, Filler filler) throws IOException {
        Files.createDirectories(runDir);
        Path tmp = runDir.resolve("." + name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        filler.fill(tmp);
        Path target = runDir.resolve(name);
        if (Files.exists(target)) deleteTree(target); // a rerun into the same folder replaces its checkpoint
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        return target;
    }

    /** A checkpoint folder, or the latest complete one inside a run folder. */
    public static Path locate(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("state.json")) || Files.isRegularFile(dir.resolve("config.json"))) return dir;
        if (!Files.isDirectory(dir)) throw new IOException("no checkpoint at " + dir + " (not a folder)");
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p.resolve("state.json")))
                    .max(Comparator.comparingLong(Checkpoint::stepOf))
                    .orElseThrow(() -> new IOException("no checkpoint in " + dir + " (no folder with a state.json)"));
        }
    }

    private static long stepOf(Path checkpoint) {
        try {
            return JSON.readTree(checkpoint.resolve("state.json").toFile()).path("step").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    public static Config readConfig(Path checkpoint) throws IOException {
        Path file = require(checkpoint, "config.json");
        Config c;
        try {
            c = JSON.readValue(file.toFile(), Config.class);
        } catch (IOException e) {
            throw new IOException("corrupt checkpoint file " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(c.format())) throw new IOException("incompatible checkpoint " + file + ": format \"" + c.format() + "\", this version reads \"" + FORMAT + "\"");
        if (c.model() == null || c.training() == null) throw new IOException("incompatible checkpoint " + file + ": model or training config missing");
        return c;
    }

    public static State readState(Path checkpoint) throws IOException {
        Path file = require(checkpoint, "state.json");
        try {
            return JSON.readValue(file.toFile(), State.class);
        } catch (IOException e) {
            throw new IOException("corrupt checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Tokenizer readTokenizer(Path checkpoint) throws IOException {
        return Tokenizers.load(require(checkpoint, "tokenizer.json"));
    }

    /** The model alone, for sampling or evaluation. */
    public static Gpt readModel(Path checkpoint) throws IOException {
        var config = readConfig(checkpoint);
        return Gpt.load(config.model(), require(checkpoint, "params.bin"));
    }

    public static Path require(Path checkpoint, String file) throws IOException {
        Path p = checkpoint.resolve(file);
        if (!Files.isRegularFile(p)) throw new IOException("incomplete checkpoint " + checkpoint + ": missing " + p);
        return p;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
