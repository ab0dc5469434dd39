package storylab.bench;

/*
 * Training and KV-sampling speed of storylab's Gpt against the plain-PyTorch anchor, in one run.
 *
 *   cd storylab-lib && ../mvnw -B -o -q test-compile && \
 *   java -Dai.djl.offline=true -cp "target/test-classes:target/classes:$(../mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *        storylab.bench.GptBenchmark [--no-torch] [--rounds 3]
 *
 * Optionally prefix MALLOC_MMAP_THRESHOLD_=2000000000 MALLOC_TRIM_THRESHOLD_=4000000000 (glibc keeps the large
 * activation buffers instead of mapping and faulting them in every step; it applies to the torch anchor too).
 *
 * Config (both sides): vocab 4096, context 128, d 256, 4 layers, 4 heads; training batch 16 (AdamW, no
 * clipping, as the anchor); sampling batch 8, 127 new tokens from token 0, KV cache, plain softmax sampling.
 * Training runs in fp32 and, where the CPU has bf16 instructions, with bf16 matmuls (storylab.model.MixedPrecision;
 * the anchor is fp32 only). Sampling is fp32 either way. Besides wall-clock rates, the one-thread training rows give
 * tokens per CPU-second of the training thread: on a machine shared with other busy processes that is close to what
 * a quiet machine does, while wall time also measures the neighbours.
 * The anchor is ../shared/anchors/gpt_torch.py (found by walking up from the working folder) run with /usr/bin/python3 (Debian torch), one after the other.
 */

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.MixedPrecision;
import storylab.model.Sampling;
import storylab.model.Torch;
import storylab.text.ByteTokenizer;
import storylab.train.AdamW;
import storylab.train.Backprop;

public final class GptBenchmark {

    static final GptConfig CONFIG = new GptConfig(4096, 128, 256, 4, 4, 0);
    static final int BATCH = 16, WARMUP = 5, STEPS = 20, SAMPLE_BATCH = 8, SAMPLE_NEW = 127, PPO_BATCH = 64;
    static final String ANCHOR = storylab.Shared.find("anchors/gpt_torch.py").map(Object::toString).orElse("../shared/anchors/gpt_torch.py");

    public static void main(String[] args) throws Exception {
        var opts = Arrays.asList(args);
        boolean torch = !opts.contains("--no-torch");
        int rounds = opts.contains("--rounds") ? Integer.parseInt(opts.get(opts.indexOf("--rounds") + 1)) : 3;
        int defaultThreads = Torch.threads();
        double peak = matmulPeak();
        System.out.printf("fp32 matmul peak (DJL, 2048^3, %d threads): %.1f GFLOP/s%n", defaultThreads, peak / 1e9);
        // Both thread settings: on a machine shared with other busy processes one thread is often faster.
        var threadCounts = defaultThreads > 1 ? new int[] {defaultThreads, 1} : new int[] {1};
        boolean bf16 = MixedPrecision.cpuBf16() != null;
        var precisions = bf16 ? new boolean[] {false, true} : new boolean[] {false};
        double[][] train = new double[threadCounts.length][precisions.length], trainCpu = new double[threadCounts.length][precisions.length];
        double[] sample = new double[threadCounts.length];
        double torchTrain = Double.NaN, torchSample = Double.NaN, torchPpo = Double.NaN, ppo = 0;
        // Interleaved rounds, best of each: other processes on a shared machine slow whichever side they meet.
        for (int r = 0; r < rounds; r++) {
            System.out.printf("== round %d of %d%n", r + 1, rounds);
            if (torch) torchTrain = max(torchTrain, anchor("train", "--steps", String.valueOf(STEPS)));
            for (int i = 0; i < threadCounts.length; i++) {
                Torch.threads(threadCounts[i]);
                for (int p = 0; p < precisions.length; p++) {
                    MixedPrecision.use(precisions[p]);
                    System.out.printf("-- DJL with %d intra-op thread(s), %s%n", threadCounts[i], precisions[p] ? "bf16 matmuls" : "fp32");
                    double[] rate = trainTokensPerSecond();
                    train[i][p] = Math.max(train[i][p], rate[0]);
                    trainCpu[i][p] = Math.max(trainCpu[i][p], rate[1]);
                }
            }
            MixedPrecision.useDefault();
            if (torch) torchSample = max(torchSample, anchor("sample", "--kv"));
            for (int i = 0; i < threadCounts.length; i++) {
                Torch.threads(threadCounts[i]);
                sample[i] = Math.max(sample[i], sampleTokensPerSecond(SAMPLE_BATCH));
            }
            Torch.threads(defaultThreads);
            // PPO's regime: many stories at once, where the preallocated cache (no concatenation) matters more.
            if (torch) torchPpo = max(torchPpo, anchor("sample", "--kv", "--sample-batch", String.valueOf(PPO_BATCH), "--sample-reps", "3"));
            ppo = Math.max(ppo, sampleTokensPerSecond(PPO_BATCH));
        }
        peak = Math.max(peak, matmulPeak()); // again at the end: other processes may have held a core at the start
        System.out.printf("fp32 matmul peak, best of start and end: %.1f GFLOP/s%n", peak / 1e9);
        long rss = peakRssMb();
        System.out.println();
        System.out.printf("best of %d interleaved rounds%n", rounds);
        System.out.println("| metric | storylab (DJL) | torch anchor | ratio |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < threadCounts.length; i++) {
            String t = threadCounts[i] + " thr";
            for (int p = 0; p < precisions.length; p++) {
                String tp = t + (precisions[p] ? ", bf16" : ", fp32");
                System.out.printf("| training tokens/s (B=16, T=128), %s | %.0f | %.0f | %.2f× |%n", tp, train[i][p], torchTrain, train[i][p] / torchTrain);
                if (threadCounts[i] == 1)
                    System.out.printf("| training tokens per CPU-second of the thread, %s | %.0f | | |%n", tp, trainCpu[i][p]);
                if (!precisions[p])
                    System.out.printf("| training MFU vs measured fp32 peak, %s | %.0f%% | %.0f%% | |%n", tp, 100 * train[i][p] * CONFIG.flopsPerToken() / peak, 100 * torchTrain * CONFIG.flopsPerToken() / peak);
            }
            System.out.printf("| KV sampling tokens/s (B=8, 127 new), %s | %.0f | %.0f | %.2f× |%n", t, sample[i], torchSample, sample[i] / torchSample);
        }
        System.out.printf("| KV sampling tokens/s (B=%d, 127 new), %d thr | %.0f | %.0f | %.2f× |%n", PPO_BATCH, defaultThreads, ppo, torchPpo, ppo / torchPpo);
        System.out.printf("| peak RSS (VmHWM) | %d MB (JVM) | see [torch] ru_maxrss | |%n", rss);
        if (!bf16) System.out.println("no bf16 rows: " + MixedPrecision.describe());
        System.out.printf("flops/token %.1fM, params %.2fM, load average at end %s%n", CONFIG.flopsPerToken() / 1e6, CONFIG.parameters() / 1e6,
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }

    static double matmulPeak() {
        try (var m = NDManager.newBaseManager()) {
            int n = 2048;
            var a = m.randomNormal(new Shape(n, n));
            var b = m.randomNormal(new Shape(n, n));
            for (int i = 0; i < 2; i++) a.matMul(b).close();
            double best = 0;
            for (int r = 0; r < 5; r++) {
                long t0 = System.nanoTime();
                var c = a.matMul(b);
                c.getFloat(0, 0); // forces completion
                double s = (System.nanoTime() - t0) / 1e9;
                c.close();
                best = Math.max(best, 2.0 * n * n * n / s);
            }
            return best;
        }
    }

    /** Training tokens per wall second and per CPU-second of this thread. */
    static double[] trainTokensPerSecond() {
        try (var model = Gpt.create(CONFIG); var m = NDManager.newBaseManager();
             var opt = new AdamW(model.parameters(), AdamW.Settings.defaults().withWeightDecay(0.01).withClipNorm(0).withBetas(0.9, 0.999))) {
            var rng = new Random(0);
            var threadCpu = java.lang.management.ManagementFactory.getThreadMXBean();
            double seconds = 0, cpu = 0;
            for (int step = 0; step < WARMUP + STEPS; step++) {
                long[] in = new long[BATCH * CONFIG.context()], tg = new long[in.length];
                for (int i = 0; i < in.length; i++) { in[i] = rng.nextInt(CONFIG.vocab()); tg[i] = rng.nextInt(CONFIG.vocab()); }
                long t0 = System.nanoTime(), c0 = threadCpu.getCurrentThreadCpuTime();
                float loss;
                try (var s = m.newSubManager()) {
                    loss = Backprop.lossAndGradients(model, s.create(in, new Shape(BATCH, CONFIG.context())), s.create(tg, new Shape(BATCH, CONFIG.context())), 1.0);
                    opt.step(3e-4);
                }
                double dt = (System.nanoTime() - t0) / 1e9;
                if (step >= WARMUP) { seconds += dt; cpu += (threadCpu.getCurrentThreadCpuTime() - c0) / 1e9; }
                if (step < 2 || step % 10 == 0) System.out.printf("train step %d loss %.4f %.3fs rss %d MB%n", step, loss, dt, rssMb());
            }
            double tokens = (double) BATCH * CONFIG.context() * STEPS;
            return new double[] {tokens / seconds, tokens / cpu};
        }
    }

    static double sampleTokensPerSecond(int batch) {
        var tok = new ByteTokenizer(); // only its end-of-text id is used; prompts are token ids
        try (var model = Gpt.create(CONFIG)) {
            var settings = Sampling.defaults().withMaxTokens(SAMPLE_NEW).withStopAtEot(false).withKvCache(true);
            int[][] prompts = new int[batch][];
            for (int i = 0; i < batch; i++) prompts[i] = new int[] {0};
            for (int w = 0; w < 2; w++) model.sampler(tok).settings(settings.withSeed(w)).sampleTokens(prompts);
            var rates = new ArrayList<Double>();
            for (int r = 0; r < (batch > SAMPLE_BATCH ? 3 : 5); r++) {
                var s = model.sampler(tok).settings(settings.withSeed(100 + r)).sampleTokens(prompts);
                rates.add(s.tokensPerSecond());
                System.out.printf("sample rep %d: %.3fs %.0f tokens/s rss %d MB%n", r, s.seconds(), s.tokensPerSecond(), rssMb());
            }
            rates.sort(null);
            return rates.get(rates.size() / 2);
        }
    }

    static double anchor(String... args) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        var cmd = new ArrayList<>(Files.isExecutable(Path.of("/usr/bin/taskset"))
                ? List.of("/usr/bin/taskset", "-c", "0-" + (cpus - 1), "/usr/bin/python3", ANCHOR) : List.of("/usr/bin/python3", ANCHOR));
        cmd.addAll(List.of(args));
        var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double result = Double.NaN;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = in.readLine()) != null; ) {
                System.out.println("  [torch] " + line);
                var mt = Pattern.compile("RESULT .*tokens_per_s=([0-9.]+)").matcher(line);
                if (mt.find()) result = Double.parseDouble(mt.group(1));
            }
        }
        p.waitFor();
        return result;
    }

    static long rssMb() {
        return status("VmRSS:");
    }

    static long peakRssMb() {
        return status("VmHWM:");
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith(key)) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        } catch (Exception e) {
            // not Linux: no RSS
        }
        return -1;
    }
}
