package storylab.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.text.ByteTokenizer;

class PretrainTest {

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        storylab.model.Torch.threads(1); // small models on a shared machine: see Torch
    }

    static final GptConfig MICRO = new GptConfig(259, 32, 32, 1, 2, 3);

    /** The run both the reference and the killed child perform. */
    static Pretrain resumable(Path dir) {
        return Pretrain.of(Gpt.create(MICRO), new ByteTokenizer(), Stories.corpus("stories", 600, 1))
                .words(8_000).batch(4).lr(3e-3).warmup(0.05).evalEvery(10).validationWindows(8).shuffleChunk(32)
                .checkpointsAt(Milestones.of(240)).seed(9).display(false).into(dir);
    }

    @Test
    void trainsReportsAndCheckpointsAtMilestones(@TempDir Path dir) throws Exception {
        var tok = new ByteTokenizer();
        var report = Pretrain.of(Gpt.create(MICRO.withD(48)), tok, Stories.corpus("stories", 400, 2))
                .words(6_000).batch(8).lr(3e-3).warmup(0.05).cosine().evalEvery(5).validationWindows(8).accumulate(2)
                .checkpointsAt(Milestones.of(2_000, 4_000)).display(false).into(dir).run();
        assertTrue(report.finished());
        assertTrue(report.wordsSeen() >= 6_000);
        var table = report.table();
        assertEquals(List.of("step", "words", "tokens", "loss", "val_loss", "val_ppl", "lr", "tokens_per_s"), table.columnNames());
        assertEquals(report.steps(), table.rowCount());
        var curve = report.curve();
        double firstVal = curve.stream().filter(p -> !Double.isNaN(p.valLoss())).findFirst().orElseThrow().valLoss();
        assertTrue(report.validationLoss() < firstVal - 0.5, "validation loss falls: " + firstVal + " → " + report.validationLoss());
        assertTrue(report.validationPerplexity() < 12, "byte perplexity on a tiny grammar: " + report.validationPerplexity());
        assertEquals(3, report.checkpoints().size(), report.checkpoints().toString()); // two milestones + final
        for (var c : report.checkpoints())
            for (String f : List.of("config.json", "tokenizer.json", "params.bin", "optimizer.bin", "state.json"))
                assertTrue(Files.isRegularFile(c.resolve(f)), c + "/" + f);
        assertTrue(Files.exists(dir.resolve("words-00000002000")));
        assertTrue(Files.isRegularFile(dir.resolve("run.json")) && Files.isRegularFile(dir.resolve("curve.csv")), "the run records its config and curve");
        // The latest checkpoint loads into the same function.
        try (var back = Checkpoint.readModel(Checkpoint.locate(dir))) {
            assertEquals(MICRO.withD(48), back.config());
        }
        assertNotNull(report.toMimeBundle().get("text/html"));
    }

    @Test
    void killedAndResumedRunFollowsTheUninterruptedTrajectory(@TempDir Path dir) throws Exception {
        // Reference: 40 steps in this JVM without stopping.
        var reference = resumable(dir.resolve("reference")).maxSteps(40).run();

        // The same run in a child JVM, killed (SIGKILL) as soon as its first checkpoint appears.
        Path childDir = dir.resolve("child");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(java, "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
                ResumeChild.class.getName(), childDir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path first = childDir.resolve("words-00000000240");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(first.resolve("state.json")) && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(child.isAlive(), "the child must still be training when killed; log: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor();
        assertTrue(Files.isRegularFile(first.resolve("state.json")), "first checkpoint written");

        var resumed = Pretrain.resume(first, Stories.corpus("stories", 600, 1)).display(false).maxSteps(40).run();
        long from = Checkpoint.readState(first).step();
        assertTrue(from > 0 && from < 40, "checkpoint step " + from);
        assertEquals(40, resumed.steps());
        for (int i = 0; i < 40; i++) {
            var a = reference.curve().get(i);
            var b = resumed.curve().get(i);
            assertEquals(a.step(), b.step());
            assertEquals(a.loss(), b.loss(), 1e-6, "loss at step " + a.step() + " (resumed from " + from + ")");
            assertEquals(a.words(), b.words(), 1e-9);
            if (!Double.isNaN(a.valLoss())) assertEquals(a.valLoss(), b.valLoss(), 1e-6);
        }
    }

    @Test
    void interruptStopsAtAStepBoundaryAndKeepsTheWeights(@TempDir Path dir) throws Exception {
        var model = Gpt.create(MICRO);
        float[] before = model.parameters().get("h0.attn.qkv.w").toFloatArray();
        var fifth = new CountDownLatch(1);
        var result = new AtomicReference<TrainingReport>();
        var flagKept = new AtomicBoolean();
        var trainer = new Thread(() -> {
            result.set(Pretrain.of(model, new ByteTokenizer(), Stories.corpus("stories", 600, 1)).words(1_000_000).batch(4)
                    .display(false).into(dir).onStep(p -> { if (p.step() == 5) fifth.countDown(); }).run());
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        trainer.start();
        assertTrue(fifth.await(60, TimeUnit.SECONDS));
        trainer.interrupt();
        trainer.join(60_000);
        var report = result.get();
        assertNotNull(report, "run() returned normally");
        assertTrue(report.interrupted() && !report.finished());
        assertTrue(report.steps() >= 5 && report.wordsSeen() < 1_000_000);
        assertTrue(flagKept.get(), "the interrupt flag is restored for the caller");
        float[] after = model.parameters().get("h0.attn.qkv.w").toFloatArray();
        assertFalse(java.util.Arrays.equals(before, after), "the trained weights stay in the model");
        var state = Checkpoint.readState(Checkpoint.locate(dir));
        assertTrue(state.interrupted());
        assertEquals(report.steps(), state.step());
        model.close();
    }

    @Test
    void corruptOrIncompatibleCheckpointsFailNamingTheFile(@TempDir Path dir) throws Exception {
        var corpus = Stories.corpus("stories", 200, 4);
        Pretrain.of(Gpt.create(MICRO), new ByteTokenizer(), corpus).words(200).batch(2).validationWindows(2).display(false).into(dir).run();
        Path ckpt = Checkpoint.locate(dir);

        Path params = ckpt.resolve("params.bin");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var e1 = assertThrows(IOException.class, () -> Pretrain.resume(ckpt, corpus));
        assertTrue(e1.getMessage().contains(params.toString()), e1.getMessage());
        Files.write(params, bytes);

        Path config = ckpt.resolve("config.json");
        String json = Files.readString(config);
        Files.writeString(config, json.replace("storylab-checkpoint/1", "storylab-checkpoint/99"));
        var e2 = assertThrows(IOException.class, () -> Pretrain.resume(ckpt, corpus));
        assertTrue(e2.getMessage().contains(config.toString()) && e2.getMessage().contains("incompatible"), e2.getMessage());
        Files.writeString(config, "{ not json");
        var e3 = assertThrows(IOException.class, () -> Pretrain.resume(ckpt, corpus));
        assertTrue(e3.getMessage().contains(config.toString()), e3.getMessage());
        Files.writeString(config, json.replace("\"d\" : 32", "\"d\" : 64"));
        var e4 = assertThrows(IOException.class, () -> Pretrain.resume(ckpt, corpus));
        assertTrue(e4.getMessage().contains("params.bin"), e4.getMessage());
        Files.writeString(config, json);

        Files.delete(ckpt.resolve("optimizer.bin"));
        var e5 = assertThrows(IOException.class, () -> Pretrain.resume(ckpt, corpus));
        assertTrue(e5.getMessage().contains("optimizer.bin"), e5.getMessage());
    }
}
