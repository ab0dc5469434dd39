package storylab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The code a run was made by, part of every run's key so that results of older code are never reused silently.
 * {@code id} hashes the lab's compiled classes and resources (the same hash from {@code target/classes} as from
 * the jar, so the kernel and {@code ./storylab reproduce} agree); a change to the lab's code changes it, a
 * change to docs or notebooks does not. {@code commit} and {@code dirty} say where the classes came from when
 * they were built from a git checkout (for people; the key does not need them).
 *
 * @param id     the first 12 hex digits of the SHA-256 over the lab's class and resource files
 * @param commit the git commit of the checkout ("" when not run from one)
 * @param dirty  whether the checkout had uncommitted changes under storylab-lib
 */
public record CodeVersion(String id, String commit, boolean dirty) {

    private static volatile CodeVersion current;

    /** The running lab's version, computed once per JVM (hashing the classes takes a few milliseconds). */
    public static CodeVersion current() {
        var v = current;
        if (v == null) {
            synchronized (CodeVersion.class) {
                if (current == null) current = compute();
                v = current;
            }
        }
        return v;
    }

    /** A version by its id alone (tests, and versions read back from a run folder). */
    public static CodeVersion of(String id) {
        return new CodeVersion(id, "", false);
    }

    private static CodeVersion compute() {
        Path where;
        try {
            where = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the lab's classes to version them", e);
        }
        String id = hash(where);
        Path repo = repositoryAbove(where);
        return repo == null ? new CodeVersion(id, "", false) : new CodeVersion(id, GitHead.commit(repo), GitHead.dirty(repo));
    }

    /** SHA-256 over (name, bytes) of every file under storylab/ and META-INF/services/, sorted by name. */
    static String hash(Path classes) {
        var files = new TreeMap<String, byte[]>();
        try {
            if (Files.isDirectory(classes)) {
                try (var walk = Files.walk(classes)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        String name = classes.relativize(p).toString().replace('\\', '/');
                        if (versioned(name)) files.put(name, Files.readAllBytes(p));
                    }
                }
            } else {
                try (var jar = new JarFile(classes.toFile())) {
                    for (var e : java.util.Collections.list(jar.entries())) {
                        if (e.isDirectory() || !versioned(e.getName())) continue;
                        try (InputStream in = jar.getInputStream(e)) {
                            files.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
            var sha = MessageDigest.getInstance("SHA-256");
            for (var f : files.entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.getValue());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's classes at " + classes + " to version them: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean versioned(String name) {
        return name.startsWith("storylab/") || name.startsWith("META-INF/services/");
    }

    private static Path repositoryAbove(Path p) {
        for (Path d = p.toAbsolutePath(); d != null; d = d.getParent())
            if (Files.exists(d.resolve(".git"))) return d;
        return null;
    }

    /** Reads the checkout's commit from the .git files (no process); one {@code git status} for the dirty flag. */
    static final class GitHead {
        private GitHead() {}

        static String commit(Path repo) {
            try {
                Path git = repo.resolve(".git");
                if (Files.isRegularFile(git)) { // a worktree: ".git" names the real git folder
                    String line = Files.readString(git).strip();
                    git = repo.resolve(line.substring(line.indexOf(':') + 1).strip());
                }
                String head = Files.readString(git.resolve("HEAD")).strip();
                if (!head.startsWith("ref:")) return head;
                String ref = head.substring(4).strip();
                Path common = Files.isRegularFile(git.resolve("commondir")) ? git.resolve(Files.readString(git.resolve("commondir")).strip()) : git;
                for (Path dir : List.of(git, common)) {
                    Path f = dir.resolve(ref);
                    if (Files.isRegularFile(f)) return Files.readString(f).strip();
                }
                Path packed = common.resolve("packed-refs");
                if (Files.isRegularFile(packed))
                    for (String l : Files.readAllLines(packed))
                        if (l.endsWith(" " + ref)) return l.substring(0, l.indexOf(' '));
                return "";
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        static boolean dirty(Path repo) {
            try {
                var p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no", "--", "storylab-lib")
                        .directory(repo.toFile()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.SECONDS)) { p.destroyForcibly(); return false; }
                return p.exitValue() == 0 && !out.isBlank();
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The short form reports print: "3fa2c1d09e7b (commit b8830f6, dirty)". */
    @Override
    public String toString() {
        if (commit.isEmpty()) return id;
        return id + " (commit " + commit.substring(0, Math.min(7, commit.length())) + (dirty ? ", dirty" : "") + ")";
    }
}
