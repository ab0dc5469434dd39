package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./storylab reproduce --scale test}: every experiment per seed, every figure, table, the report and
 * summary.json, end to end; a rerun reuses the runs. Then the cluster path: the same plan emitted as run specs, run
 * as separate processes, collected, gives the same numbers as the single process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReproduceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> VERDICTS = List.of("holds", "does not hold", "inconclusive");

    // Static: one folder for the whole class, so later tests reuse the first one's runs.
    @TempDir
    static Path tmp;
    static Path single;

    static List<String> storylab(String... args) {
        var cmd = new ArrayList<>(List.of(Repo.root().resolve("storylab").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    @Order(1)
    void reproduceAtTestScaleDecidesEveryClaimFromItsIntervalAndWritesSummaryJson() throws Exception {
        single = tmp.resolve("single");
        var cmd = storylab("reproduce", "--scale", "test", "--out", single.toString());
        var r = Repo.run(cmd, Repo.root(), Map.of(), 900);
        // A crashed experiment makes the command exit 1 and its claims "not run": both fail here.
        assertEquals(0, r.code(), r.output());
        String report = Files.readString(single.resolve("report.md"));
        for (String claim : List.of("The gain from RL jumps", "worth ≥ 100×", "Formal competence is unchanged", "Strong instructions beat weak",
                "weak → strong curriculum beats"))
            assertTrue(report.contains(claim), "the report covers \"" + claim + "\":\n" + report);
        long verdicts = report.lines().filter(l -> l.startsWith("| ") && l.matches(".*\\*\\*(holds|does not hold|inconclusive)\\*\\* \\|$")).count();
        assertEquals(5, verdicts, "one decided verdict per claim, none \"not run\":\n" + report);
        assertFalse(report.contains("**not run**"), report);

        JsonNode summary = JSON.readTree(single.resolve("summary.json").toFile());
        assertEquals("test", summary.get("scale").asText());
        assertEquals(List.of(42L, 43L), longs(summary.get("seeds")), "two seeds by default at test scale");
        assertFalse(summary.get("code_version").asText().isBlank());
        assertEquals(5, summary.get("claims").size());
        for (JsonNode c : summary.get("claims")) {
            assertTrue(VERDICTS.contains(c.get("verdict").asText()), c.toString());
            if (c.get("id").asText().startsWith("A.")) within(c.get("estimate").asDouble(), c.get("ci95"), c.toString());
        }
        assertEquals(3, summary.get("rl").size(), "one row per checkpoint × algorithm");
        for (JsonNode row : summary.get("rl")) {
            assertEquals("PPO", row.get("algorithm").asText());
            for (var k : List.of("before", "after", "gain")) within(row.get(k).get("mean").asDouble(), row.get(k).get("ci95"), row.toString());
            double gain = row.get("after").get("mean").asDouble() - row.get("before").get("mean").asDouble();
            assertEquals(gain, row.get("gain").get("mean").asDouble(), 1e-9);
        }
        try (var files = Files.walk(single)) {
            var names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.contains("fig2-start-finish.png") && names.contains("fig2-start-finish.svg"), "figure 2 as PNG and SVG");
            assertTrue(names.contains("threshold-seeds.csv"), "the table over seeds");
            for (var t : List.of("criteria-seeds.csv", "shares-seeds.csv", "competence-by-task-seeds.csv", "equivalence-seeds.csv"))
                assertTrue(names.contains(t), "figures 4–7 and the report's tables over seeds: " + t);
        }
        var stories = Files.readAllLines(single.resolve("tables/stories.csv"));
        assertEquals(2, stories.stream().skip(1).map(l -> l.split(",")[0]).distinct().count(), "every seed's stories, which figure 5 pools");
        assertTrue(report.contains("Every figure of paper A is over all seeds") && !report.contains("Equivalence (first seed)"), report);
        String first = Files.readString(single.resolve("summary.json"));
        var again = Repo.run(cmd, Repo.root(), Map.of(), 900);
        assertEquals(0, again.code(), again.output());
        assertTrue(again.output().contains("reusing finished run pretrain-"), "a rerun reuses the finished runs:\n" + again.output());
        assertEquals(first, Files.readString(single.resolve("summary.json")), "the same numbers from the reused runs");
    }

    @Test
    @Order(2)
    void runSpecsAsSeparateProcessesCollectToTheSameNumbersAsOneProcess() throws Exception {
        Path dir = tmp.resolve("cluster");
        var emit = Repo.run(storylab("reproduce", "--scale", "test", "--seeds", "1", "--emit", "slurm", dir.toString()), Repo.root(), Map.of(), 300);
        assertEquals(0, emit.code(), emit.output());
        assertTrue(Files.readString(dir.resolve("stage1.sbatch")).contains("#SBATCH --gres=gpu:1"));
        assertTrue(Files.readString(dir.resolve("submit.sh")).contains("--dependency=afterok:"));
        var stage1 = Files.readAllLines(dir.resolve("stage1.txt"));
        var rl = Files.readAllLines(dir.resolve("stage2.txt")).stream().filter(f -> f.contains("-rl-")).toList();
        assertEquals(3, rl.size(), "one PPO spec per checkpoint");

        // A spec made by other code is refused, naming the file.
        Path foreign = dir.resolve("specs/foreign.json");
        Files.writeString(foreign, Files.readString(dir.resolve(rl.get(0))).replaceFirst("\"code\" : \"[0-9a-f]+\"", "\"code\" : \"000000000000\""));
        var refused = Repo.run(storylab("run-spec", foreign.toString()), Repo.root(), Map.of(), 300);
        assertEquals(2, refused.code(), refused.output());
        assertTrue(refused.output().contains(foreign.toString()) && refused.output().contains("000000000000"), refused.output());
        Files.delete(foreign);

        // PPO before its pretraining: a clear error, nothing written as finished.
        var early = Repo.run(storylab("run-spec", dir.resolve(rl.get(0)).toString()), Repo.root(), Map.of(), 300);
        assertEquals(1, early.code(), early.output());
        assertTrue(early.output().contains("run stage 1 first"), early.output());

        // As the job array would: one process per spec. The ablations are left unrun: collect reports what finished.
        for (var spec : concat(stage1, rl)) {
            var r = Repo.run(storylab("run-spec", dir.resolve(spec).toString()), Repo.root(), Map.of(), 600);
            assertEquals(0, r.code(), spec + ":\n" + r.output());
        }
        var collect = Repo.run(storylab("reproduce", "--collect", dir.toString()), Repo.root(), Map.of(), 600);
        assertEquals(0, collect.code(), collect.output());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("ablations left out"), report);
        for (var table : List.of("threshold", "dynamics", "competence"))
            assertEquals(seed42(single.resolve("tables/" + table + ".csv")), seed42(dir.resolve("tables/" + table + ".csv")),
                    table + ": seed 42 in separate processes = seed 42 in one process");

        // A corrupt result: one clear error naming it, and the file is left as it was.
        Path result;
        try (var runs = Files.list(dir.resolve("runs-test"))) {
            result = runs.filter(p -> p.getFileName().toString().startsWith("rl-")).findFirst().orElseThrow().resolve("result.json");
        }
        Files.writeString(result, "{\"settings\": ");
        var corrupt = Repo.run(storylab("reproduce", "--collect", dir.toString()), Repo.root(), Map.of(), 600);
        assertNotEquals(0, corrupt.code(), corrupt.output());
        assertTrue(corrupt.output().contains(result.toString()) && corrupt.output().contains("corrupt"), corrupt.output());
        assertEquals("{\"settings\": ", Files.readString(result));
    }

    @Test
    @Order(3)
    void badArgumentsNameTheFieldOrFile() throws Exception {
        var zero = Repo.run(storylab("reproduce", "--scale", "test", "--seeds", "0", "--out", tmp.resolve("zero").toString()), Repo.root(), Map.of(), 300);
        assertEquals(2, zero.code(), zero.output());
        assertTrue(zero.output().contains("--seeds"), zero.output());
        var missing = Repo.run(storylab("reproduce", "--scale", "test", "--corpus", "tinystories:no/such/stories.txt", "--out", tmp.resolve("m").toString()),
                Repo.root(), Map.of(), 300);
        assertEquals(2, missing.code(), missing.output());
        assertTrue(missing.output().contains("no/such/stories.txt"), missing.output());
        assertFalse(Files.exists(tmp.resolve("m")), "nothing written");
    }

    @Test
    @Order(4)
    void aPreparedWorkshopUnpacksIntoAFreshFolderWhereItsRunsAreReused() throws Exception {
        // prepare-workshop reproduces into W/reproduce: seeded with test 1's finished runs, it recomputes nothing.
        Path w = tmp.resolve("workshop");
        copyTree(single, w.resolve("reproduce"));
        var prepared = Repo.run(storylab("prepare-workshop", w.toString(), "--scale", "test"), Repo.root(), Map.of(), 900);
        assertEquals(0, prepared.code(), prepared.output());
        Path archive = w.resolve("storylab-workshop-test.zip");
        assertTrue(Files.isRegularFile(archive), prepared.output());

        Path fresh = tmp.resolve("fresh-runs");
        var unpacked = Repo.run(storylab("unpack-workshop", archive.toString(), "--into", fresh.toString()), Repo.root(), Map.of(), 300);
        assertEquals(0, unpacked.code(), unpacked.output());
        var reuse = Repo.run(storylab("reproduce", "--scale", "test", "--out", fresh.resolve("reproduce").toString()), Repo.root(), Map.of(), 900);
        assertEquals(0, reuse.code(), reuse.output());
        assertTrue(reuse.output().contains("reusing finished run pretrain-"), reuse.output());
        assertFalse(reuse.output().contains(" computed"), "nothing recomputed after unpacking:\n" + reuse.output());
        // Notebook 08's runs came along: one per algorithm and seed (2 seeds at the test scale).
        var labels = new java.util.TreeSet<String>();
        try (var dirs = Files.list(fresh.resolve("reproduce").resolve("runs-test"))) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith("rl-")).toList())
                if (Files.isRegularFile(d.resolve("result.json"))) labels.add(JSON.readTree(d.resolve("settings.json").toFile()).path("label").asText());
        }
        for (var a : List.of("PPO", "RLOO", "GRPO", "SIMPO"))
            for (int seed = 1; seed <= 2; seed++) assertTrue(labels.contains(a + " seed " + seed), a + " seed " + seed + " not packed; finished runs: " + labels);

        // An archive of other code: refused with the recompute command, nothing written.
        Path foreign = tmp.resolve("foreign.zip");
        Files.copy(archive, foreign);
        try (var fs = java.nio.file.FileSystems.newFileSystem(foreign)) {
            Path m = fs.getPath("manifest.json");
            Files.writeString(m, Files.readString(m).replaceFirst("\"id\" : \"[0-9a-f]+\"", "\"id\" : \"000000000000\""));
        }
        Path other = tmp.resolve("other-runs");
        var refused = Repo.run(storylab("unpack-workshop", foreign.toString(), "--into", other.toString()), Repo.root(), Map.of(), 300);
        assertEquals(1, refused.code(), refused.output());
        assertTrue(refused.output().contains("000000000000") && refused.output().contains("prepare-workshop"), refused.output());
        assertFalse(Files.exists(other.resolve("reproduce")), "nothing unpacked");

        // A partial archive (the download stopped half-way): refused, nothing written.
        Path partial = tmp.resolve("partial.zip");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(partial, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var cut = Repo.run(storylab("unpack-workshop", partial.toString(), "--into", other.toString()), Repo.root(), Map.of(), 300);
        assertEquals(1, cut.code(), cut.output());
        assertTrue(cut.output().contains("partial") && cut.output().contains("prepare-workshop"), cut.output());
        assertFalse(Files.exists(other.resolve("reproduce")), "nothing unpacked");
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        var l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    static List<Long> longs(JsonNode array) {
        var l = new ArrayList<Long>();
        array.forEach(n -> l.add(n.asLong()));
        return l;
    }

    static void within(double mean, JsonNode ci, String what) {
        assertEquals(2, ci.size(), what);
        assertTrue(ci.get(0).asDouble() <= mean + 1e-9 && mean <= ci.get(1).asDouble() + 1e-9, "the estimate lies in its CI: " + what);
    }

    /** The CSV's header and seed 42's rows (the tables hold every seed's, first column "seed"), without the wall-time column. */
    static List<String> seed42(Path csv) throws Exception {
        var lines = Files.readAllLines(csv);
        var header = List.of(lines.get(0).split(","));
        assertEquals("seed", header.get(0), csv.toString());
        int col = header.indexOf("seconds");
        var out = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            var cells = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
            if (i > 0 && !cells.get(0).equals("42")) continue;
            if (col >= 0) cells.remove(col);
            out.add(String.join(",", cells));
        }
        assertTrue(out.size() > 1, "seed 42 has rows in " + csv);
        return out;
    }
}
