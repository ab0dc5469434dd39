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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Finished runs, keyed by a hash of their settings JSON and the {@link CodeVersion} that made them. A run lives in
 * {@code root/<kind>-<settings hash>-<code id>/} with {@code settings.json} and {@code code.json} next to
 * {@code result.json}; a run whose result is there is never redone, so an interrupted reproduction resumes where
 * it stopped, and runs spread over machines can be merged. A run with the same settings made by other code is
 * redone in its own folder (the old one is left as it was), or reused when {@link #reuseStale(boolean)} says so;
 * {@link #uses()} says which happened, for the report.
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

    /** What the store did for one run. */
    public enum Status {
        COMPUTED("computed"), REUSED("reused"), REUSED_STALE("reused from other code (--reuse-stale)"), REDONE_STALE("redone: made by other code");

        private final String label;

        Status(String label) { this.label = label; }

        @Override
        public String toString() { return label; }
    }

    /** One run asked of the store: its folder (relative to the root), what happened, and the code that made the result used. */
    public record Use(String folder, Status status, String madeBy) {}

    /** A run asked of a store that only reads finished runs ({@link #finishedOnly}) and has not finished. */
    public static final class Missing extends IllegalStateException {
        public Missing(String message) { super(message); }
    }

    private final Path root;
    private final CodeVersion code;
    private final boolean reuseStale;
    private final boolean finishedOnly;
    private final List<Use> uses;

    private RunStore(Path root, CodeVersion code, boolean reuseStale, boolean finishedOnly, List<Use> uses) {
        this.root = root;
        this.code = code;
        this.reuseStale = reuseStale;
        this.finishedOnly = finishedOnly;
        this.uses = uses;
    }

    /** The store at {@code root} for the running code. */
    public static RunStore at(Path root) {
        return new RunStore(root, CodeVersion.current(), false, false, Collections.synchronizedList(new ArrayList<>()));
    }

    /** The same store, reusing (true) or redoing (false, the default) runs made by other code. */
    public RunStore reuseStale(boolean on) { return new RunStore(root, code, on, finishedOnly, uses); }

    /** The same store as if run by other code (tests, and collecting runs made elsewhere). */
    public RunStore code(CodeVersion v) { return new RunStore(root, v, reuseStale, finishedOnly, uses); }

    /** The same store, reading finished runs only: an unfinished one throws {@link Missing} (collecting a cluster's runs). */
    public RunStore finishedOnly(boolean on) { return new RunStore(root, code, reuseStale, on, uses); }

    public Path root() {
        return root;
    }

    public CodeVersion code() {
        return code;
    }

    public boolean reusesStale() {
        return reuseStale;
    }

    /** Every run asked of this store (and its copies) so far, in order. */
    public List<Use> uses() {
        synchronized (uses) {
            return List.copyOf(uses);
        }
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

    /** The folder of the run with these settings made by this store's code (whether or not it ran). */
    public Path folder(String kind, Object settings) {
        return root.resolve(kind + "-" + key(settings) + "-" + code.id());
    }

    public boolean isDone(String kind, Object settings) {
        return Files.isRegularFile(folder(kind, settings).resolve("result.json"));
    }

    /** Finished runs with these settings made by other code, newest first. */
    public List<Path> stale(String kind, Object settings) {
        String prefix = kind + "-" + key(settings) + "-";
        if (!Files.isDirectory(root)) return List.of();
        try (var list = Files.list(root)) {
            return list.filter(d -> d.getFileName().toString().startsWith(prefix) && !d.equals(folder(kind, settings))
                            && Files.isRegularFile(d.resolve("result.json")))
                    .sorted(Comparator.comparing((Path d) -> d.resolve("result.json").toFile().lastModified()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the run store " + root + ": " + e.getMessage(), e);
        }
    }

    /** The stored result, or runs the work, stores its result next to the settings and returns it. */
    public <R> R run(String kind, Object settings, Class<R> resultType, Work<R> work) {
        Path dir = folder(kind, settings);
        Path result = dir.resolve("result.json");
        try {
            if (Files.isRegularFile(result)) {
                System.err.println("reusing finished run " + root.relativize(dir));
                var r = read(result, resultType);
                uses.add(new Use(root.relativize(dir).toString(), Status.REUSED, code.id()));
                return r;
            }
            var old = stale(kind, settings);
            boolean unreadable = false;
            if (!old.isEmpty() && reuseStale) {
                Path o = old.get(0);
                String madeBy = o.getFileName().toString().substring(o.getFileName().toString().lastIndexOf('-') + 1);
                try {
                    var r = JSON.readValue(o.resolve("result.json").toFile(), resultType);
                    System.err.println("reusing finished run " + root.relativize(o) + " made by other code (" + madeBy + ", running " + code.id() + "): --reuse-stale");
                    uses.add(new Use(root.relativize(o).toString(), Status.REUSED_STALE, madeBy));
                    return r;
                } catch (IOException e) { // other code may have stored its results in a form this code cannot read: redo the run
                    System.err.println("cannot reuse the run made by other code: " + problem(o.resolve("result.json"), e));
                    unreadable = true;
                }
            }
            if (finishedOnly) throw new Missing("run " + root.relativize(dir) + " has not finished" + (old.isEmpty() ? "" : " (only " + root.relativize(old.get(0)) + ", made by other code)"));
            if (!old.isEmpty()) System.err.println("redoing " + root.relativize(dir) + ": " + root.relativize(old.get(0)) + " was made by other code (kept"
                    + (unreadable ? ")" : "; --reuse-stale would reuse it)"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("settings.json"), json(settings));
            Files.writeString(dir.resolve("code.json"), json(code));
            R r = work.run(dir);
            // Written atomically: a half-written result would be read back as a finished run.
            Path tmp = dir.resolve(".result.json.tmp");
            JSON.writeValue(tmp.toFile(), r);
            Files.move(tmp, result, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            uses.add(new Use(root.relativize(dir).toString(), old.isEmpty() ? Status.COMPUTED : Status.REDONE_STALE, code.id()));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("run " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("run " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stored result; a corrupt one, or one in a form this code cannot read (a record refusing what the
     * file holds, as {@code RlStep} refuses steps written before it grouped its numbers), is an error naming the
     * file (it is left in place, never overwritten).
     */
    static <R> R read(Path result, Class<R> type) {
        try {
            return JSON.readValue(result.toFile(), type);
        } catch (IOException e) {
            throw new IllegalStateException(problem(result, e) + ": move or delete its folder to run it again", e);
        }
    }

    /** What is wrong with a result file, naming it. */
    private static String problem(Path result, IOException e) {
        if (e.getCause() instanceof IllegalArgumentException refused) return "cannot read run result " + result + " (" + refused.getMessage() + ")";
        return "corrupt run result " + result + " (" + e.getMessage().lines().findFirst().orElse("") + ")";
    }

    /** What happened to the runs, in one line per status ("12 reused, 3 computed"). */
    public String summary() {
        var counts = new java.util.EnumMap<Status, Integer>(Status.class);
        for (var u : uses()) counts.merge(u.status(), 1, Integer::sum);
        var parts = new ArrayList<String>();
        counts.forEach((s, n) -> parts.add(n + " " + s));
        return parts.isEmpty() ? "no runs" : String.join(", ", parts);
    }

    @Override
    public String toString() {
        return "RunStore(" + root + ", code " + code.id() + (reuseStale ? ", reusing stale runs" : "") + ")";
    }
}
