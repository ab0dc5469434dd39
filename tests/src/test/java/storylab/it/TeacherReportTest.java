package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./storylab teacher-report}: both offline teachers on held-out real passages and their damaged copies,
 * end to end from the command line. The judge the library's tests trained is reused.
 */
class TeacherReportTest {

    @Test
    void reportsEveryDamageForEveryTeacherAndTheirAgreement(@TempDir Path out) throws Exception {
        var cmd = List.of(Repo.root().resolve("storylab").toString(), "teacher-report", "--teacher", "offline", "--teacher", "rubric",
                "--out", out.toString());
        var r = Repo.run(cmd, Repo.root(), Map.of("STORYLAB_JUDGES", Repo.root().resolve("runs").resolve("judge").toString()), 900);
        assertEquals(0, r.code(), r.output());
        var aucs = Files.readAllLines(out.resolve("aucs.csv"));
        assertEquals(1 + 2 * 11, aucs.size(), "a header and one row per damage and teacher:\n" + aucs);
        assertTrue(aucs.stream().anyMatch(l -> l.startsWith("sentence_shuffle,coherence,offline,")), String.join("\n", aucs));
        // The learned judge sees shuffled words on held-out real text; the rules, which already grade real tales
        // as unreadable, cannot (the reason the judge exists).
        assertTrue(aucs.stream().anyMatch(l -> l.startsWith("word_shuffle,readability,offline,") && l.endsWith("meets 0.9")), String.join("\n", aucs));
        var real = Files.readAllLines(out.resolve("real.csv"));
        double offline = meanOf(real, "offline"), rubric = meanOf(real, "rubric");
        assertTrue(offline >= 6 && rubric < offline, "real passages: offline " + offline + ", rubric " + rubric);
        assertTrue(r.output().contains("offline vs rubric on"), "agreement between the two teachers:\n" + r.output());
        assertTrue(Files.size(out.resolve("scores.png")) > 1000, "the score distribution figure");

        var bad = Repo.run(List.of(Repo.root().resolve("storylab").toString(), "teacher-report", "--teacher", "oracle"), Repo.root(), Map.of(), 120);
        assertEquals(2, bad.code(), bad.output());
        assertTrue(bad.output().contains("unknown teacher \"oracle\""), bad.output());
    }

    private static double meanOf(List<String> csv, String teacher) {
        for (var line : csv) if (line.startsWith(teacher + ",")) return Double.parseDouble(line.split(",")[2]);
        throw new AssertionError("no row for " + teacher + " in " + csv);
    }
}
