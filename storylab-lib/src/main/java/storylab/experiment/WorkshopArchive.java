package storylab.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import storylab.Lab;
import storylab.Scale;

/**
 * The course's runs computed once and shipped as one file: {@code ./storylab prepare-workshop DIR} runs the
 * reproduction (every run notebooks 04–06 read) and notebook 08's algorithm comparison into {@code DIR/reproduce} and packs it into
 * {@code DIR/storylab-workshop-<scale>.zip} with a manifest (settings, code version, every file's size and SHA-256);
 * {@code ./storylab unpack-workshop FILE} checks the whole archive, then puts its runs under {@code runs/} where the
 * notebooks and {@code reproduce} reuse them. An archive of other code or a partial one is refused with one message
 * and the command that recomputes; a run already finished locally is kept, never overwritten.
 */
public final class WorkshopArchive {

    /** The archive's format, in its manifest. */
    public static final String FORMAT = "storylab-workshop/1";
    static final String MANIFEST = "manifest.json";

    /** One packed file: its path inside the archive, size and SHA-256. */
    public record Entry(String path, long size, String sha256) {}

    /**
     * What an archive holds.
     *
     * @param format  {@link #FORMAT}
     * @param code    the code version that computed the runs (only that code reuses them)
     * @param plan    the reproduction's plan (scale, seeds, sizes)
     * @param files   every packed file but the manifest
     */
    public record Manifest(String format, @JsonProperty("code_version") CodeVersion code, ExperimentPlan plan, List<Entry> files) {}

    private WorkshopArchive() {}

    /** Runs (or reuses) the reproduction of {@code plan} under {@code dir/reproduce} and packs it; returns the archive. */
    public static Path prepare(ExperimentPlan plan, Path dir) {
        Path work = dir.resolve("reproduce");
        var report = Reproduce.of(plan).into(work).run();
        if (!report.provenance().failed().isEmpty())
            throw new IllegalStateException("the reproduction had failures " + report.provenance().failed() + ": not packing a partial workshop");
        // Notebook 08's runs too: they share the reproduction's store and its first seed's pretraining.
        AlgorithmComparison.run(RunStore.at(work.resolve("runs-" + plan.scale())), plan, false);
        return pack(plan, work, dir.resolve("storylab-workshop-" + plan.scale() + ".zip"));
    }

    /** Packs {@code work} (a reproduction's folder) into {@code archive} under the folder name "reproduce/". */
    static Path pack(ExperimentPlan plan, Path work, Path archive) {
        try {
            var files = new ArrayList<Path>();
            try (var walk = Files.walk(work)) {
                walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
            }
            var entries = new ArrayList<Entry>();
            for (Path f : files) entries.add(new Entry("reproduce/" + work.relativize(f).toString().replace('\\', '/'), Files.size(f), sha256(f)));
            var manifest = new Manifest(FORMAT, CodeVersion.current(), plan, entries);
            Path tmp = archive.resolveSibling(archive.getFileName() + ".part");
            try (var zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(RunStore.json(manifest).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
                for (int i = 0; i < files.size(); i++) {
                    zip.putNextEntry(new ZipEntry(entries.get(i).path()));
                    Files.copy(files.get(i), zip);
                    zip.closeEntry();
                }
            }
            Files.move(tmp, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the workshop into " + archive + ": " + e.getMessage(), e);
        }
    }

    /** What unpacking did: run folders added, and those kept because they had finished here already. */
    public record Unpacked(Manifest manifest, int added, int kept, Path into) {
        @Override
        public String toString() {
            return "unpacked " + added + " run folder(s) into " + into + (kept > 0 ? "; kept " + kept + " already here" : "")
                    + " (code " + manifest.code() + ", scale " + manifest.plan().scale() + ", seeds " + manifest.plan().seeds() + ")";
        }
    }

    /**
     * Checks the whole archive (format, code version, every file's size and hash) before writing anything, then
     * puts each run folder under {@code runsRoot} (the root of {@link Lab#runs}): a folder is written beside its
     * place and moved in whole; one that already holds a finished run is kept.
     */
    public static Unpacked unpack(Path archive, Path runsRoot) {
        if (!Files.isRegularFile(archive)) throw new IllegalArgumentException("no workshop archive at " + archive);
        String recompute = "recompute it with: ./storylab prepare-workshop DIR";
        try (var zip = new ZipFile(archive.toFile())) {
            var m = zip.getEntry(MANIFEST);
            if (m == null) throw new IllegalArgumentException(archive + " has no " + MANIFEST + ": it is not a workshop archive, or partial; " + recompute);
            Manifest manifest;
            try (var in = zip.getInputStream(m)) {
                manifest = RunStore.JSON.readValue(in, Manifest.class);
            }
            if (!FORMAT.equals(manifest.format())) throw new IllegalArgumentException(archive + " has format " + manifest.format() + ", not " + FORMAT + "; " + recompute);
            var here = CodeVersion.current();
            if (!manifest.code().id().equals(here.id()))
                throw new IllegalArgumentException(archive + " was prepared by code " + manifest.code() + ", but this is code " + here
                        + ": its runs would not be reused (they would all be computed again), so nothing was unpacked; " + recompute);
            for (var e : manifest.files()) {
                var z = zip.getEntry(e.path());
                if (z == null) throw new IllegalArgumentException(archive + " is partial: " + e.path() + " is missing; " + recompute);
                String sha;
                try (var in = zip.getInputStream(z)) {
                    sha = sha256(in);
                }
                if (!sha.equals(e.sha256())) throw new IllegalArgumentException(archive + " is corrupt: " + e.path() + " differs from its manifest; " + recompute);
            }
            // Group by run folder (reproduce/runs-<scale>/<run>/…); other files (report, figures) are one group each.
            var groups = new LinkedHashMap<String, List<Entry>>();
            for (var e : manifest.files()) {
                String[] parts = e.path().split("/");
                String group = parts.length > 3 && parts[1].startsWith("runs-") ? String.join("/", parts[0], parts[1], parts[2]) : e.path();
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(e);
            }
            int added = 0, kept = 0;
            for (var g : groups.entrySet()) {
                Path target = runsRoot.resolve(g.getKey());
                if (Files.exists(target)) { kept++; continue; }
                Path tmp = target.resolveSibling("." + target.getFileName() + ".unpacking");
                deleteTree(tmp);
                for (var e : g.getValue()) {
                    Path out = g.getKey().equals(e.path()) ? tmp : tmp.resolve(e.path().substring(g.getKey().length() + 1));
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(zip.getEntry(e.path()))) {
                        Files.copy(in, out);
                    }
                }
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                added++;
            }
            return new Unpacked(manifest, added, kept, runsRoot);
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(archive + " is partial or corrupt (" + e.getMessage() + "); " + recompute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    static String sha256(Path f) throws IOException {
        try (var in = Files.newInputStream(f)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            try (var d = new DigestInputStream(in, md)) {
                d.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ./storylab prepare-workshop DIR [--scale test|workshop|paper] [--seeds N]}. */
    public static int prepareMain(List<String> args) {
        try {
            Map<String, String> o = options(args, "prepare-workshop DIR [--scale test|workshop|paper] [--seeds N]", "--scale", "--seeds");
            Scale scale = o.containsKey("--scale") ? scaleOf(o.get("--scale")) : Scale.current();
            var plan = ExperimentPlan.at(scale);
            if (o.containsKey("--seeds")) plan = plan.withSeeds(ExperimentPlan.seeds(intOf(o.get("--seeds"))));
            Path archive = prepare(plan, Path.of(o.get("")));
            System.out.println("Wrote " + archive + " (code " + CodeVersion.current() + "); on each machine: ./storylab unpack-workshop " + archive.getFileName());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("storylab prepare-workshop: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("storylab prepare-workshop: " + e.getMessage());
            return 1;
        }
    }

    /** {@code ./storylab unpack-workshop FILE [--into RUNS]} (default: the runs folder notebooks use). */
    public static int unpackMain(List<String> args) {
        try {
            Map<String, String> o = options(args, "unpack-workshop FILE [--into RUNS]", "--into");
            Path into = o.containsKey("--into") ? Path.of(o.get("--into")) : Lab.runs("x").getParent();
            var u = unpack(Path.of(o.get("")), into);
            System.out.println(u);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("storylab unpack-workshop: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            System.err.println("storylab unpack-workshop: " + e.getMessage());
            return 1;
        }
    }

    /** One positional argument (key "") and the named options. */
    private static Map<String, String> options(List<String> args, String usage, String... names) {
        var o = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (List.of(names).contains(a) && i + 1 < args.size()) o.put(a, args.get(++i));
            else if (!a.startsWith("--") && !o.containsKey("")) o.put("", a);
            else throw new IllegalArgumentException("unexpected argument \"" + a + "\"; usage: storylab " + usage);
        }
        if (!o.containsKey("")) throw new IllegalArgumentException("usage: storylab " + usage);
        return o;
    }

    private static Scale scaleOf(String v) {
        try {
            return Scale.valueOf(v.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scale must be test, workshop or paper, not \"" + v + "\"");
        }
    }

    private static int intOf(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds expects a whole number ≥ 1, not \"" + v + "\"");
        }
    }
}
