package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    record Settings(String name, int steps) {}

    record Result(double score) {}

    @Test
    void aFinishedRunIsNotRedoneAndItsSettingsSitNextToTheResult(@TempDir Path dir) throws Exception {
        var calls = new AtomicInteger();
        var store = RunStore.at(dir);
        var s = new Settings("a", 3);
        var first = store.run("rl", s, Result.class, folder -> new Result(calls.incrementAndGet()));
        var again = RunStore.at(dir).run("rl", new Settings("a", 3), Result.class, folder -> new Result(calls.incrementAndGet()));
        assertEquals(1, calls.get(), "the second call reads the stored result");
        assertEquals(first, again);
        Path folder = store.folder("rl", s);
        assertEquals(RunStore.json(s), Files.readString(folder.resolve("settings.json")));
        assertTrue(Files.isRegularFile(folder.resolve("result.json")));
        store.run("rl", new Settings("a", 4), Result.class, f -> new Result(calls.incrementAndGet()));
        assertEquals(2, calls.get(), "other settings are another run");
    }

    @Test
    void aFailedRunLeavesNoResultAndRunsAgain(@TempDir Path dir) {
        var calls = new AtomicInteger();
        var store = RunStore.at(dir);
        var s = new Settings("b", 1);
        assertThrows(IllegalStateException.class, () -> store.run("rl", s, Result.class, f -> {
            calls.incrementAndGet();
            throw new Exception("boom");
        }));
        assertFalse(store.isDone("rl", s));
        store.run("rl", s, Result.class, f -> new Result(calls.incrementAndGet()));
        assertEquals(2, calls.get());
        assertTrue(store.isDone("rl", s));
    }

    @Test
    void theKeyDependsOnlyOnTheSettings() {
        assertEquals(RunStore.key(new Settings("x", 1)), RunStore.key(new Settings("x", 1)));
        assertNotEquals(RunStore.key(new Settings("x", 1)), RunStore.key(new Settings("x", 2)));
        assertEquals(12, RunStore.key(new Settings("x", 1)).length());
    }

    @Test
    void aRunMadeByOtherCodeIsRedoneUnlessStaleRunsAreReusedAndTheStoreSaysWhich(@TempDir Path dir) throws Exception {
        var calls = new AtomicInteger();
        var s = new Settings("c", 2);
        var old = RunStore.at(dir).code(CodeVersion.of("aaaaaaaaaaaa"));
        old.run("rl", s, Result.class, f -> new Result(calls.incrementAndGet()));
        Path oldFolder = old.folder("rl", s);

        var newer = RunStore.at(dir).code(CodeVersion.of("bbbbbbbbbbbb"));
        assertEquals(List.of(oldFolder), newer.stale("rl", s));
        var reused = newer.reuseStale(true).run("rl", s, Result.class, f -> new Result(calls.incrementAndGet()));
        assertEquals(new Result(1), reused, "--reuse-stale reads the old result");
        assertEquals(1, calls.get());
        assertEquals(RunStore.Status.REUSED_STALE, newer.uses().get(0).status());
        assertEquals("aaaaaaaaaaaa", newer.uses().get(0).madeBy());

        var redone = newer.run("rl", s, Result.class, f -> new Result(calls.incrementAndGet()));
        assertEquals(new Result(2), redone, "by default a run of other code is redone");
        assertEquals(RunStore.Status.REDONE_STALE, newer.uses().get(1).status());
        assertNotEquals(oldFolder, newer.folder("rl", s));
        assertEquals("{\n  \"score\" : 1.0\n}", Files.readString(oldFolder.resolve("result.json")).replace("\r", ""), "the old run is kept as it was");
        newer.run("rl", s, Result.class, f -> new Result(calls.incrementAndGet()));
        assertEquals(RunStore.Status.REUSED, newer.uses().get(2).status(), "the redone run is now this code's");
        assertEquals(2, calls.get());
    }

    @Test
    void aCorruptResultIsAnErrorNamingTheFileAndIsLeftInPlace(@TempDir Path dir) throws Exception {
        var store = RunStore.at(dir);
        var s = new Settings("d", 1);
        store.run("rl", s, Result.class, f -> new Result(1));
        Path result = store.folder("rl", s).resolve("result.json");
        Files.writeString(result, "{\"score\": 1.");
        var e = assertThrows(IllegalStateException.class, () -> store.run("rl", s, Result.class, f -> new Result(2)));
        assertTrue(e.getMessage().contains(result.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals("{\"score\": 1.", Files.readString(result), "nothing overwritten");
    }

    record Steps(List<storylab.rl.RlStep> steps) {}

    /** A result holding one RL step as the code before RlStep's grouping stored it (flat fields). */
    static final String UNGROUPED = """
            {"steps":[{"step":1,"stories":4,"interactionWords":16,"studentWords":40,"scoreMean":5.0,"scoreStd":1.0,"readability":2.0,
             "coherence":2.0,"creativity":1.0,"rewardMean":0.1,"rewardStd":0.2,"kl":0.0,"beta":0.05,"entropy":2.0,"policyLoss":0.01,
             "valueLoss":"NaN","approxKl":0.0,"clipFraction":0.0,"valueClipFraction":"NaN","varianceExplained":"NaN","valueMean":"NaN",
             "returnMean":"NaN","responseWords":10.0,"responseTokens":14.0,"teacherFallbacks":0,"truncatedShare":0.0,"secondsGenerate":0.1,
             "secondsTeacher":0.1,"secondsForward":0.1,"secondsOptimize":0.1,"bestStory":"a fox","bestScore":6.0,"worstStory":"a","worstScore":4.0}]}""";

    @Test
    void aResultOfOlderCodeThisCodeCannotReadIsRedoneWhenStaleAndOtherwiseOneErrorNamingIt(@TempDir Path dir) throws Exception {
        var s = new Settings("e", 1);
        var old = RunStore.at(dir).code(CodeVersion.of("aaaaaaaaaaaa"));
        Path oldResult = old.folder("rl", s).resolve("result.json");
        Files.createDirectories(oldResult.getParent());
        Files.writeString(oldResult, UNGROUPED);

        var newer = RunStore.at(dir).code(CodeVersion.of("bbbbbbbbbbbb")).reuseStale(true);
        var fresh = ThresholdSeedsTest.step(1, 5.0, 10.0);
        var redone = newer.run("rl", s, Steps.class, f -> new Steps(List.of(fresh)));
        assertEquals(List.of(fresh), redone.steps(), "--reuse-stale redoes a stale run it cannot read instead of failing");
        assertEquals(RunStore.Status.REDONE_STALE, newer.uses().get(0).status());
        assertEquals(UNGROUPED, Files.readString(oldResult), "the old run is kept as it was");
        assertEquals(redone, RunStore.at(dir).code(CodeVersion.of("bbbbbbbbbbbb")).run("rl", s, Steps.class, f -> null), "the redone run reads back");

        var e = assertThrows(IllegalStateException.class, () -> old.run("rl", s, Steps.class, f -> null));
        assertTrue(e.getMessage().contains(oldResult.toString()) && e.getMessage().contains("older StoryLab")
                && e.getMessage().contains("move or delete its folder"), e.getMessage());
    }

    @Test
    void theCodeVersionIsTheSameForTheClassesFolderAndItsJar(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("storylab/x"));
        Files.writeString(classes.resolve("storylab/x/A.class"), "a");
        Files.writeString(classes.resolve("storylab/x/B.class"), "b");
        Files.writeString(classes.resolve("other.txt"), "not the lab's");
        Path jar = dir.resolve("lab.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (var name : List.of("storylab/x/B.class", "storylab/x/A.class")) {
                out.putNextEntry(new java.util.jar.JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
                out.closeEntry();
            }
        }
        String id = CodeVersion.hash(classes);
        assertEquals(id, CodeVersion.hash(jar));
        Files.writeString(classes.resolve("storylab/x/B.class"), "b2");
        assertNotEquals(id, CodeVersion.hash(classes), "changed code, another version");
        assertEquals(12, id.length());
        assertEquals(CodeVersion.current(), CodeVersion.current());
    }
}
