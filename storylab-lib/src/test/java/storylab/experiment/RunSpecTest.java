package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.Scale;

/** Emitted specs read back to the same plan; other code's specs and other plans' folders are refused; archives are checked whole. */
class RunSpecTest {

    @Test
    void emittedSpecsCoverEveryRunAndReadBackToTheirPlan(@TempDir Path dir) throws Exception {
        var plan = ExperimentPlan.at(Scale.TEST).withSeeds(List.of(42L, 43L));
        int n = RunSpec.emit(plan, dir);
        int variants = Ablations.variants(plan).size();
        int plugged = Experiments.all().size();
        assertEquals(2 + 2 * plugged + 2 * 3 + variants, n, "pretraining, plugged-in experiments and PPO per seed, ablations once");
        assertEquals(2 + 2 * plugged, Files.readAllLines(dir.resolve("stage1.txt")).size());
        var specs = Files.readAllLines(dir.resolve("stage2.txt"));
        var rl = RunSpec.read(dir.resolve(specs.get(3)));
        assertEquals("rl", rl.run());
        assertEquals(plan.withSeed(43), rl.plan(), "the plan narrowed to the spec's seed survives JSON");
        assertEquals(0, rl.index());
        assertTrue(Files.readString(dir.resolve("stage2.sbatch")).contains("#SBATCH --array=0-" + (specs.size() - 1)));

        var foreign = dir.resolve("specs/foreign.json");
        Files.writeString(foreign, Files.readString(dir.resolve(specs.get(0))).replaceFirst("\"code\" : \"[0-9a-f]+\"", "\"code\" : \"000000000000\""));
        var e = assertThrows(IllegalArgumentException.class, () -> RunSpec.read(foreign));
        assertTrue(e.getMessage().contains(foreign.toString()) && e.getMessage().contains("000000000000"), e.getMessage());

        var other = assertThrows(IllegalArgumentException.class, () -> RunSpec.emit(plan.withSeeds(List.of(7L)), dir));
        assertTrue(other.getMessage().contains("another plan"), other.getMessage());
    }

    @Test
    void aWorkshopArchiveUnpacksWholeKeepsWhatIsThereAndRefusesPartialOrForeignArchives(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("reproduce");
        Path run = work.resolve("runs-test/rl-aaaa-bbbb");
        Files.createDirectories(run);
        Files.writeString(run.resolve("result.json"), "{\"score\": 1}");
        Files.writeString(run.resolve("settings.json"), "{}");
        Files.writeString(work.resolve("report.md"), "# report");
        var plan = ExperimentPlan.at(Scale.TEST);
        Path archive = WorkshopArchive.pack(plan, work, dir.resolve("w.zip"));

        Path fresh = dir.resolve("fresh");
        var u = WorkshopArchive.unpack(archive, fresh);
        assertEquals(2, u.added(), "one run folder and the report");
        assertEquals("{\"score\": 1}", Files.readString(fresh.resolve("reproduce/runs-test/rl-aaaa-bbbb/result.json")));
        assertEquals(plan, u.manifest().plan());

        Files.writeString(fresh.resolve("reproduce/runs-test/rl-aaaa-bbbb/result.json"), "{\"score\": 2}");
        var again = WorkshopArchive.unpack(archive, fresh);
        assertEquals(0, again.added());
        assertEquals(2, again.kept());
        assertEquals("{\"score\": 2}", Files.readString(fresh.resolve("reproduce/runs-test/rl-aaaa-bbbb/result.json")), "a local run is never overwritten");

        Path partial = dir.resolve("partial.zip");
        byte[] b = Files.readAllBytes(archive);
        Files.write(partial, java.util.Arrays.copyOf(b, b.length - 30));
        var cut = assertThrows(IllegalArgumentException.class, () -> WorkshopArchive.unpack(partial, dir.resolve("x")));
        assertTrue(cut.getMessage().contains("partial") && cut.getMessage().contains("prepare-workshop"), cut.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));

        Path foreign = dir.resolve("foreign.zip");
        Files.copy(archive, foreign);
        try (var fs = java.nio.file.FileSystems.newFileSystem(foreign)) {
            Path m = fs.getPath("manifest.json");
            Files.writeString(m, Files.readString(m).replaceFirst("\"id\" : \"[0-9a-f]+\"", "\"id\" : \"000000000000\""));
        }
        var code = assertThrows(IllegalArgumentException.class, () -> WorkshopArchive.unpack(foreign, dir.resolve("y")));
        assertTrue(code.getMessage().contains("000000000000") && code.getMessage().contains("prepare-workshop"), code.getMessage());
        assertFalse(Files.exists(dir.resolve("y")));

        Path tampered = dir.resolve("tampered.zip");
        Files.copy(archive, tampered);
        try (var fs = java.nio.file.FileSystems.newFileSystem(tampered)) {
            Files.writeString(fs.getPath("reproduce/report.md"), "# changed");
        }
        var bad = assertThrows(IllegalArgumentException.class, () -> WorkshopArchive.unpack(tampered, dir.resolve("z")));
        assertTrue(bad.getMessage().contains("reproduce/report.md"), bad.getMessage());
        assertFalse(Files.exists(dir.resolve("z")));
    }
}
