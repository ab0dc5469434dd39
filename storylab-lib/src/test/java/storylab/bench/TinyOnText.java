package storylab.bench;

/*
 * The workshop demo end to end: the tiny GPT pretrained for a couple of minutes on Grimm's fairy tales
 * (bytes, or a saved BPE tokenizer given as the second argument), then three samples.
 *
 *   cd storylab-lib && ../mvnw -B -o -q test-compile && \
 *   java -Dai.djl.offline=true -cp "target/test-classes:target/classes:$(../mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *        storylab.bench.TinyOnText runs/tiny-grimm [bytes|tokenizer.json] [words] [batch] [lr]
 *
 * A BPE tokenizer (type "bpe") needs the data-text branch's storylab.text classes first on the class path.
 *
 * Measured (2-core shared machine, -Dai.djl.pytorch.num_threads=1): bytes, 120k words, batch 16, lr 2e-3,
 * 3.5 min: validation perplexity 7.8 per byte, not yet readable. BPE 2,048 trained on the tales, 300k words
 * (3 epochs), batch 8, lr 3e-3, 1:54: validation loss 5.12, perplexity 167 per token (1.39 tokens/word);
 * samples are word-level fairy-tale English without much sense.
 */

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import storylab.data.Corpus;
import storylab.model.Gpt;
import storylab.text.ByteTokenizer;
import storylab.text.Tokenizer;
import storylab.text.Tokenizers;
import storylab.train.Milestones;
import storylab.train.Pretrain;

public final class TinyOnText {

    static final Path GRIMM = storylab.Shared.require("corpora/grimms_fairy_tales_pg2591.txt");

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args.length > 0 ? args[0] : "runs/tiny-grimm");
        Tokenizer tok = args.length > 1 && !args[1].equals("bytes") ? Tokenizers.load(Path.of(args[1])) : new ByteTokenizer();
        long words = args.length > 2 ? Long.parseLong(args[2]) : 200_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        double lr = args.length > 4 ? Double.parseDouble(args[4]) : 3e-3;
        var tales = tales(Files.readString(GRIMM));
        System.out.printf("%d tales, %,d words, %s%n", tales.size(), tales.stream().mapToLong(storylab.data.Words::count).sum(), tok);
        var model = Gpt.tiny(tok.vocabSize());
        System.out.println(model + ", " + model.parameterCount() + " parameters");
        var report = Pretrain.of(model, tok, Corpus.of("grimm", tales)).words(words).batch(batch).lr(lr).warmup(0.02).cosine()
                .evalEvery(50).validationWindows(64).checkpointsAt(Milestones.of(words / 2)).seed(1).into(run).run();
        System.out.println(report.status());
        System.out.printf("validation loss %.3f, perplexity %.2f (per %s token)%n", report.validationLoss(), report.validationPerplexity(),
                tok instanceof ByteTokenizer ? "byte" : "BPE");
        var samples = model.sampler(tok).temperature(0.8).topK(40).maxTokens(tok instanceof ByteTokenizer ? 300 : 90).seed(7)
                .sample("Once upon a time", "The king said", "There was a poor woodcutter");
        System.out.println(samples);
        Files.writeString(run.resolve("samples.md"), samples.toMimeBundle().get("text/markdown"));
        report.table().write().csv(run.resolve("curve.csv").toString());
    }

    /** Tales of the Gutenberg text: between the licence header and footer, split at ALL-CAPS title lines. */
    static List<String> tales(String text) {
        text = text.replace("\uFEFF", "").replace("\r\n", "\n");
        int start = text.indexOf("*** START"), end = text.indexOf("*** END");
        if (start >= 0) text = text.substring(text.indexOf('\n', start) + 1, end > start ? end : text.length());
        var tales = new ArrayList<String>();
        var current = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            boolean title = t.length() > 3 && t.equals(t.toUpperCase()) && t.chars().anyMatch(Character::isLetter);
            if (title) {
                if (storylab.data.Words.count(current) > 50) tales.add(current.toString().strip().replaceAll("\n(?!\n)", " ").replaceAll(" +", " "));
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (storylab.data.Words.count(current) > 50) tales.add(current.toString().strip().replaceAll("\n(?!\n)", " ").replaceAll(" +", " "));
        return tales;
    }
}
