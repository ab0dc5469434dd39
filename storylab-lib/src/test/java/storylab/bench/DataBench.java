package storylab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import storylab.data.Words;
import storylab.data.world.StoryWorld;
import storylab.text.BpeTokenizer;
import storylab.text.Gpt2Tokenizer;

/**
 * One run, side by side: story-world generation speed, BPE training on 10 MB of story-world text, and
 * encoding throughput, against SentencePiece's BPE trainer (Python, same text, same vocabulary size,
 * one thread like ours). Command in datasets/README.md. Args: [megabytes=10] [vocab=4000] [seed=42].
 */
public final class DataBench {

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        var world = StoryWorld.seed(seed);
        System.out.printf(Locale.ROOT, "StoryLab data bench: %d MB of story-world text, vocab %d, seed %d, %d cores, load average %.1f%n", mb, vocab, seed,
                Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // 1. generation: warm up, then time 3 s worth of stories on one thread
        for (int i = 0; i < 50_000; i++) world.text(i);
        long words = 0, i = 0, t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 3_000_000_000L) words += Words.count(world.text(i++));
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "story world          %,.0f words/s (%,d stories, one thread)%n", words / genSeconds, i);

        // 2. the same text for both trainers
        var sb = new StringBuilder();
        long bytes = 0;
        for (long k = 0; bytes < mb * 1_000_000L; k++) {
            String s = world.text(k);
            sb.append(s).append("\n\n");
            bytes += s.getBytes(StandardCharsets.UTF_8).length + 2;
        }
        String text = sb.toString();
        Path file = Files.createTempFile("storyworld", ".txt");
        Files.writeString(file, text);
        double mbytes = bytes / 1e6;

        long t1 = System.nanoTime();
        BpeTokenizer bpe = BpeTokenizer.trainer().vocabSize(vocab).train(Stream.of(text.split("\n\n")));
        double trainSeconds = (System.nanoTime() - t1) / 1e9;

        BpeTokenizer cold = BpeTokenizer.trainer().vocabSize(vocab).train(Stream.of(text.substring(0, 200_000)));
        for (String para : text.substring(0, 2_000_000).split("\n\n")) cold.encode(para); // JIT warm-up, same call pattern, another tokenizer
        String[] paragraphs = text.split("\n\n");
        long t2 = System.nanoTime();
        long tokens = 0;
        for (String para : paragraphs) tokens += bpe.encode(para).length;
        double encodeSeconds = (System.nanoTime() - t2) / 1e9; // first pass: the piece cache starts empty
        long t2b = System.nanoTime();
        for (String para : paragraphs) bpe.encode(para);
        double warmSeconds = (System.nanoTime() - t2b) / 1e9;

        var gpt2 = new Gpt2Tokenizer();
        String head = text.substring(0, Math.min(text.length(), 2_000_000));
        gpt2.encode(head);
        long t3 = System.nanoTime();
        gpt2.encode(head);
        double gpt2Seconds = (System.nanoTime() - t3) / 1e9;
        double headMb = head.getBytes(StandardCharsets.UTF_8).length / 1e6;

        // 3. SentencePiece on the same file
        String py = String.join("\n",
                "import sentencepiece as spm, time, sys, os, tempfile",
                "f, v = sys.argv[1], int(sys.argv[2])",
                "d = tempfile.mkdtemp()",
                "t = time.perf_counter()",
                "spm.SentencePieceTrainer.train(input=f, model_prefix=os.path.join(d, 'm'), model_type='bpe', vocab_size=v, character_coverage=1.0,",
                "    num_threads=1, hard_vocab_limit=False, minloglevel=2)",
                "train = time.perf_counter() - t",
                "sp = spm.SentencePieceProcessor(model_file=os.path.join(d, 'm.model'))",
                "lines = [l for l in open(f, encoding='utf-8') if l.strip()]",
                "t = time.perf_counter(); n = sum(len(x) for x in sp.encode(lines)); enc = time.perf_counter() - t",
                "print('SPM train=%.3f encode=%.3f tokens=%d vocab=%d' % (train, enc, n, sp.get_piece_size()))");
        String spm = "not run";
        double spmTrain = Double.NaN, spmEncode = Double.NaN;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", py, file.toString(), Integer.toString(vocab)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("SPM train=([0-9.]+) encode=([0-9.]+) tokens=(\\d+) vocab=(\\d+)").matcher(out);
            if (m.find()) {
                spmTrain = Double.parseDouble(m.group(1));
                spmEncode = Double.parseDouble(m.group(2));
                spm = m.group(3) + " tokens, vocab " + m.group(4);
            } else {
                spm = "failed: " + out.strip();
            }
        } catch (IOException e) {
            spm = "failed: " + e.getMessage();
        }
        Files.deleteIfExists(file);

        System.out.printf(Locale.ROOT, "%n%-28s %14s %18s%n", "", "StoryLab BPE", "SentencePiece BPE");
        System.out.printf(Locale.ROOT, "%-28s %13.2fs %17.2fs%n", "train on " + String.format(Locale.ROOT, "%.1f", mbytes) + " MB", trainSeconds, spmTrain);
        System.out.printf(Locale.ROOT, "%-28s %11.1f MB/s %15.1f MB/s%n", "encode " + String.format(Locale.ROOT, "%.1f", mbytes) + " MB", mbytes / encodeSeconds, mbytes / spmEncode);
        System.out.printf(Locale.ROOT, "%-28s %11.1f MB/s %18s%n", "encode again (warm cache)", mbytes / warmSeconds, "");
        System.out.printf(Locale.ROOT, "%-28s %14d %18s%n", "tokens", tokens, spm);
        System.out.printf(Locale.ROOT, "%-28s %14d%n", "vocabulary", bpe.vocabSize());
        System.out.printf(Locale.ROOT, "%nGPT-2 (jtokkit) encode      %.1f MB/s on %.1f MB%n", headMb / gpt2Seconds, headMb);
    }
}
