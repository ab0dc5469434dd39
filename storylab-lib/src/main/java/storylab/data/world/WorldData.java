package storylab.data.world;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The story world's rules and word lists, parsed from the text files in {@code datasets/storyworld} (shipped
 * in the library jar under {@code storylab/storyworld}). Format: {@code #} comments, {@code [section]}
 * headers, {@code |} between the fields of a line, commas between the words of a plain list.
 */
final class WorldData {

    static final List<String> FILES = List.of("names.txt", "characters.txt", "traits.txt", "settings.txt", "activities.txt",
            "goals.txt", "obstacles.txt", "endings.txt", "morals.txt", "lexicon.txt", "templates.txt", "instructions.txt");

    record Kind(String singular, String plural, Gender[] genders) {}
    record Trait(String word, Template deed) {}
    record Setting(String full, String place) {}
    record Phrase(Template base, Template other) {}
    record Obstacle(Template past, Template now, Template shortName, List<Phrase> fixes) {}

    final Map<Gender, String[]> names = new EnumMap<>(Gender.class);
    final List<Kind> kinds = new ArrayList<>();
    final List<Trait> traits = new ArrayList<>();
    final List<Setting> settings = new ArrayList<>();
    final List<Phrase> activities = new ArrayList<>();
    final List<Phrase> goals = new ArrayList<>();
    final List<Obstacle> obstacles = new ArrayList<>();
    final List<Template> endings = new ArrayList<>();
    final List<String> morals = new ArrayList<>();
    final Map<String, String[]> lexicon = new LinkedHashMap<>();
    final Map<String, Template[]> templates = new LinkedHashMap<>();
    final Map<String, Template[]> instructions = new LinkedHashMap<>();

    /** The files shipped in the jar. */
    static WorldData builtIn() {
        return parse(name -> {
            try (InputStream in = WorldData.class.getResourceAsStream("/storylab/storyworld/" + name)) {
                if (in == null) throw new IllegalStateException("story world file storylab/storyworld/" + name + " is missing from the class path");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Files from a folder, e.g. an edited copy of {@code datasets/storyworld}. */
    static WorldData from(Path dir) {
        return parse(name -> {
            try {
                return Files.readString(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read story world file " + dir.resolve(name) + ": " + e.getMessage(), e);
            }
        });
    }

    private static WorldData parse(Function<String, String> read) {
        var d = new WorldData();
        for (var e : sections(read.apply("names.txt"), "names.txt").entrySet())
            d.names.put(Gender.parse(e.getKey()), words(e.getValue()));
        for (String[] f : rows(read.apply("characters.txt"), 3))
            d.kinds.add(new Kind(f[0], f[1], Arrays.stream(f[2].split("\\s+")).map(Gender::parse).toArray(Gender[]::new)));
        for (String[] f : rows(read.apply("traits.txt"), 2)) d.traits.add(new Trait(f[0], Template.compile(f[1])));
        for (String[] f : rows(read.apply("settings.txt"), 2)) d.settings.add(new Setting(f[0], f[1]));
        for (String[] f : rows(read.apply("activities.txt"), 2)) d.activities.add(phrase(f));
        for (String[] f : rows(read.apply("goals.txt"), 2)) d.goals.add(phrase(f));
        d.parseObstacles(read.apply("obstacles.txt"));
        for (String[] f : rows(read.apply("endings.txt"), 1)) d.endings.add(Template.compile(f[0]));
        for (String[] f : rows(read.apply("morals.txt"), 1)) d.morals.add(f[0]);
        for (var e : sections(read.apply("lexicon.txt"), "lexicon.txt").entrySet()) d.lexicon.put(e.getKey(), words(e.getValue()));
        for (var e : sections(read.apply("templates.txt"), "templates.txt").entrySet())
            d.templates.put(e.getKey(), e.getValue().stream().map(Template::compile).toArray(Template[]::new));
        for (var e : sections(read.apply("instructions.txt"), "instructions.txt").entrySet())
            d.instructions.put(e.getKey(), e.getValue().stream().map(Template::compile).toArray(Template[]::new));
        return d;
    }

    private void parseObstacles(String text) {
        for (String line : lines(text)) {
            String[] f = line.substring(1).split("\\|");
            if (line.startsWith("=")) {
                if (f.length != 3) throw new IllegalArgumentException("obstacles.txt: \"= past | now | short\" expected, got: " + line);
                obstacles.add(new Obstacle(Template.compile(f[0].strip()), Template.compile(f[1].strip()), Template.compile(f[2].strip()), new ArrayList<>()));
            } else if (line.startsWith("+") && !obstacles.isEmpty()) {
                if (f.length != 2) throw new IllegalArgumentException("obstacles.txt: \"+ base | past\" expected, got: " + line);
                obstacles.get(obstacles.size() - 1).fixes().add(new Phrase(Template.compile(f[0].strip()), Template.compile(f[1].strip())));
            } else {
                throw new IllegalArgumentException("obstacles.txt: lines start with = (obstacle) or + (a way past it), got: " + line);
            }
        }
    }

    String[] list(String name) {
        String[] l = lexicon.get(name);
        if (l == null) throw new IllegalStateException("lexicon.txt has no [" + name + "] section");
        return l;
    }

    Template[] templates(String step) {
        Template[] t = templates.get(step);
        if (t == null) throw new IllegalStateException("templates.txt has no [" + step + "] section");
        return t;
    }

    private static Phrase phrase(String[] f) {
        return new Phrase(Template.compile(f[0]), Template.compile(f[1]));
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\r?\n")) {
            l = l.strip();
            if (!l.isEmpty() && !l.startsWith("#")) out.add(l.startsWith("\uFEFF") ? l.substring(1) : l);
        }
        return out;
    }

    private static List<String[]> rows(String text, int fields) {
        List<String[]> out = new ArrayList<>();
        for (String l : lines(text)) {
            String[] f = l.split("\\|");
            if (f.length != fields) throw new IllegalArgumentException("expected " + fields + " fields separated by | in: " + l);
            for (int i = 0; i < f.length; i++) f[i] = f[i].strip();
            out.add(f);
        }
        return out;
    }

    private static Map<String, List<String>> sections(String text, String file) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String l : lines(text)) {
            if (l.startsWith("[") && l.endsWith("]")) {
                current = out.computeIfAbsent(l.substring(1, l.length() - 1), k -> new ArrayList<>());
            } else {
                if (current == null) throw new IllegalArgumentException(file + ": text before the first [section]: " + l);
                current.add(l);
            }
        }
        return out;
    }

    private static String[] words(List<String> lines) {
        return lines.stream().flatMap(l -> Arrays.stream(l.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
