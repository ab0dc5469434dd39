package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./storylab reproduce --scale test}: every experiment, figure, table and the report, end to end; a rerun reuses the runs. */
class ReproduceTest {

    @Test
    void reproduceAtTestScaleWritesFiguresTablesAndAReportWithAVerdictPerClaim(@TempDir Path out) throws Exception {
        var cmd = List.of(Repo.root().resolve("storylab").toString(), "reproduce", "--scale", "test", "--out", out.toString());
        var r = Repo.run(cmd, Repo.root(), Map.of(), 900);
        assertEquals(0, r.code(), r.output());
        String report = Files.readString(out.resolve("report.md"));
        for (String claim : List.of("The gain from RL jumps", "worth ≥ 100×", "Formal competence is unchanged", "Strong instructions beat weak",
                "weak → strong curriculum beats"))
            assertTrue(report.contains(claim), "the report covers \"" + claim + "\":\n" + report);
        long verdicts = report.lines().filter(l -> l.startsWith("| ") && l.matches(".*\\*\\*(holds|does not hold|not run)\\*\\* \\|$")).count();
        assertEquals(5, verdicts, "one verdict per claim:\n" + report);
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        try (var files = Files.walk(out)) {
            var names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".png")), "figures as PNG");
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".svg")), "figures as SVG");
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".csv")), "tables as CSV");
        }
        var again = Repo.run(cmd, Repo.root(), Map.of(), 900);
        assertEquals(0, again.code(), again.output());
        assertTrue(again.output().contains("reusing finished run pretrain-"), "a rerun reuses the finished runs:\n" + again.output());
    }
}
