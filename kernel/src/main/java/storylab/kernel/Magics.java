package storylab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * IJava-compatible magics: {@code %classpath}, {@code %maven}, {@code %load}, {@code %lsmagic} and the cell
 * magic {@code %%time}. A small registry: a magic is a name and a function.
 */
final class Magics {

    @FunctionalInterface
    interface LineMagic {
        Object run(String args, Session session) throws Evaluator.CellFailure;
    }

    @FunctionalInterface
    interface CellMagic {
        Object run(String args, String body, Session session) throws Evaluator.CellFailure;
    }

    private final Map<String, LineMagic> line = new TreeMap<>();
    private final Map<String, CellMagic> cell = new TreeMap<>();

    Magics() {
        line.put("lsmagic", (args, s) -> {
            System.out.println("Line magics: " + String.join("  ", line.keySet().stream().map(n -> "%" + n).toList()));
            System.out.println("Cell magics: " + String.join("  ", cell.keySet().stream().map(n -> "%%" + n).toList()));
            return Evaluator.NO_VALUE;
        });
        line.put("classpath", (args, s) -> {
            for (String p : resolveGlobs(args)) s.evaluator().addToClasspath(p);
            return Evaluator.NO_VALUE;
        });
        line.put("load", (args, s) -> {
            Path file = Path.of(args.strip());
            if (!Files.isRegularFile(file))
                throw failure("LoadError", "%load: no such file: " + file.toAbsolutePath() + " (paths are relative to " + Path.of("").toAbsolutePath() + ")");
            try {
                return s.run(Files.readString(file, StandardCharsets.UTF_8)).value();
            } catch (IOException e) {
                throw failure("LoadError", "%load: cannot read " + file + ": " + e.getMessage());
            }
        });
        line.put("maven", (args, s) -> {
            if (args.isBlank()) throw failure("MavenError", "%maven needs coordinates, e.g. %maven org.apache.commons:commons-text:1.12.0");
            var coordinates = List.of(args.strip().split("\\s+"));
            var r = Maven.resolve(coordinates, Maven.Settings.user(), s.evaluator().classpath());
            for (Path jar : r.jars()) s.evaluator().addToClasspath(jar.toString());
            System.out.println("%maven: added " + r.jars().size() + " jar" + (r.jars().size() == 1 ? "" : "s") + " for " + String.join(", ", coordinates)
                    + (r.alreadyThere().isEmpty() ? "" : "; already in the kernel: " + String.join(", ", r.alreadyThere())));
            if (!r.conflicts().isEmpty())
                System.err.println("%maven: the kernel has other versions of " + r.conflicts().size() + " of these; its own load first, so these are left out:\n  "
                        + String.join("\n  ", r.conflicts().stream().map(Maven.Conflict::toString).toList()));
            return Evaluator.NO_VALUE;
        });
        cell.put("time", (args, body, s) -> {
            long t0 = System.nanoTime();
            try {
                return s.run(body).value();
            } finally {
                double ms = (System.nanoTime() - t0) / 1e6;
                System.out.println(ms >= 1000 ? String.format("Wall time: %.2f s", ms / 1000) : String.format("Wall time: %.1f ms", ms));
            }
        });
    }

    boolean hasLine(String name) {
        return line.containsKey(name);
    }

    Object runLine(String text, Session session) throws Evaluator.CellFailure {
        var parts = text.strip().substring(1).split("\\s+", 2);
        var magic = line.get(parts[0]);
        if (magic == null) throw failure("UnknownMagic", "%" + parts[0] + " is not a magic; %lsmagic lists them");
        return magic.run(parts.length > 1 ? parts[1] : "", session);
    }

    Object runCell(String firstLine, String body, Session session) throws Evaluator.CellFailure {
        var parts = firstLine.strip().substring(2).split("\\s+", 2);
        var magic = cell.get(parts[0]);
        if (magic == null) throw failure("UnknownMagic", "%%" + parts[0] + " is not a cell magic; %lsmagic lists them");
        return magic.run(parts.length > 1 ? parts[1] : "", body, session);
    }

    static Evaluator.CellFailure failure(String name, String message) {
        return new Evaluator.CellFailure(CellError.of(name, message, message));
    }

    /** Paths and globs (lib/*.jar), relative to the working folder. */
    static List<String> resolveGlobs(String args) throws Evaluator.CellFailure {
        var out = new ArrayList<String>();
        for (String arg : args.strip().split("\\s+")) {
            if (arg.isEmpty()) continue;
            if (!arg.contains("*") && !arg.contains("?")) {
                if (!Files.exists(Path.of(arg))) throw failure("ClasspathError", "%classpath: " + arg + " does not exist");
                out.add(Path.of(arg).toAbsolutePath().toString());
                continue;
            }
            Path base = Path.of(arg).getParent() == null ? Path.of(".") : Path.of(arg).getParent();
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(arg).getFileName());
            try (Stream<Path> files = Files.list(base)) {
                files.filter(p -> matcher.matches(p.getFileName())).sorted().forEach(p -> out.add(p.toAbsolutePath().toString()));
            } catch (IOException e) {
                throw failure("ClasspathError", "%classpath: cannot list " + base + ": " + e.getMessage());
            }
        }
        return out;
    }
}
