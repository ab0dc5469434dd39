package storylab.curriculum;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import storylab.data.Pair;
import storylab.data.Words;
import storylab.data.world.StoryWorld;
import storylab.eval.Bleu;
import storylab.eval.Distinct;
import storylab.eval.Perplexity;
import storylab.eval.RougeL;
import storylab.model.EncoderDecoder;
import storylab.text.PairBatch;
import storylab.text.Tokenizer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Paper B's automatic metrics for an encoder–decoder on held-out instructions (a story world with another
 * seed than training, or the held-out pairs of a {@link PairFile}): the model writes a story for each instruction, which is scored against the
 * reference story (shortened the same way as in training) by BLEU-1, BLEU-4 (nltk method1 smoothing) and
 * ROUGE-L F1, each the mean over stories; perplexity is teacher-forced on the reference (per token of the
 * model's tokenizer, and bits per word, which compare across tokenizers); distinct-2 pools the generated
 * stories. One row per instruction level.
 * <pre>{@code
 * Evaluation.of(model, tokenizer).world(StoryWorld.seed(7)).stories(32).levels(1, 4).table()
 * Evaluation.of(model, tokenizer).pairs(PairSource.jsonl(file)).levels(1, 4).table()   // the file's held-out pairs
 * }</pre>
 *
 * @param pairs the held-out pairs are read from this source ({@link PairSource#heldOut}); at most {@code stories} per level
 */
public record Evaluation(EncoderDecoder model, Tokenizer tokenizer, PairSource pairs, int stories, List<Integer> levels,
                         int maxTokens, double temperature, long seed) {

    /** Held-out world seed 7, 32 stories, weak and strong instructions, greedy, at most 80 tokens. */
    public static Evaluation of(EncoderDecoder model, Tokenizer tokenizer) {
        return new Evaluation(model, tokenizer, PairSource.world(StoryWorld.seed(7), StoryWorld.seed(7)), 32, List.of(1, 4), Math.min(80, model.config().context() - 1), 0, 0);
    }

    /** Held-out stories from this world (the first {@code stories} of it). */
    public Evaluation world(StoryWorld w) { return pairs(PairSource.world(w, w)); }
    public Evaluation pairs(PairSource p) { return new Evaluation(model, tokenizer, p, stories, levels, maxTokens, temperature, seed); }
    public Evaluation stories(int n) { return new Evaluation(model, tokenizer, pairs, n, levels, maxTokens, temperature, seed); }
    public Evaluation levels(Integer... l) { return new Evaluation(model, tokenizer, pairs, stories, List.of(l), maxTokens, temperature, seed); }
    public Evaluation levels(List<Integer> l) { return new Evaluation(model, tokenizer, pairs, stories, List.copyOf(l), maxTokens, temperature, seed); }
    public Evaluation maxTokens(int n) { return new Evaluation(model, tokenizer, pairs, stories, levels, Math.min(n, model.config().context() - 1), temperature, seed); }
    public Evaluation greedy() { return new Evaluation(model, tokenizer, pairs, stories, levels, maxTokens, 0, seed); }
    /** Samples at this temperature with this seed instead of greedy decoding. */
    public Evaluation sampled(double t, long s) { return new Evaluation(model, tokenizer, pairs, stories, levels, maxTokens, t, s); }

    /** One generated story with its instruction, reference and its BLEU-1 against the reference. */
    public record Sample(int level, String instruction, String reference, String story, double bleu1) {}

    /** The metrics table (one row per level) and the stories behind it. */
    public record Result(Table table, List<Sample> samples) implements storylab.display.Displayable {
        /** BLEU-1 (or another column) at one level. */
        public double get(String column, int level) {
            var levels = table.intColumn("level");
            for (int i = 0; i < table.rowCount(); i++) if (levels.getInt(i) == level) return table.doubleColumn(column).getDouble(i);
            throw new IllegalArgumentException("no level " + level + " in this evaluation");
        }

        /** BLEU-1 of every story of one level, in order (what a bootstrap over stories draws from). */
        public double[] bleu1(int level) {
            return samples.stream().filter(s -> s.level() == level).mapToDouble(Sample::bleu1).toArray();
        }

        /** A few samples of one level as a table: instruction, reference, generated story. */
        public Table examples(int level, int n) {
            var picked = samples.stream().filter(s -> s.level() == level).limit(n).toList();
            return Table.create("samples at level " + level,
                    StringColumn.create("instruction", picked.stream().map(Sample::instruction)),
                    StringColumn.create("reference", picked.stream().map(Sample::reference)),
                    StringColumn.create("generated", picked.stream().map(Sample::story)));
        }

        @Override
        public storylab.display.MimeBundle toMimeBundle() {
            return storylab.display.Renderers.render(table);
        }
    }

    public Table table() {
        return run().table();
    }

    public Result run() {
        for (int l : levels) pairs.requireHeldOut(l); // before any generation: a missing level fails at once
        var heldOut = new StoryPairs(pairs, tokenizer, maxTokens);
        var level = IntColumn.create("level");
        var name = StringColumn.create("instructions");
        var n = IntColumn.create("stories");
        var bleu1 = DoubleColumn.create("BLEU-1");
        var bleu4 = DoubleColumn.create("BLEU-4");
        var rouge = DoubleColumn.create("ROUGE-L");
        var ppl = DoubleColumn.create("perplexity");
        var bpw = DoubleColumn.create("bits/word");
        var distinct = DoubleColumn.create("distinct-2");
        var samples = new ArrayList<Sample>();
        for (int l : levels) {
            var test = heldOut.heldOut(l, stories);
            var generated = Generator.generate(model, tokenizer, test.stream().map(Pair::instruction).toList(), maxTokens, temperature, seed + l)
                    .stream().map(tokenizer::decode).toList();
            double b1 = 0, b4 = 0, r = 0;
            for (int i = 0; i < test.size(); i++) {
                String ref = test.get(i).story(), hyp = generated.get(i);
                double one = Bleu.sentence(hyp, ref).order(1).score();
                b1 += one;
                b4 += Bleu.sentence(hyp, ref).method1().score();
                r += RougeL.score(hyp, ref).f1();
                samples.add(new Sample(l, test.get(i).instruction(), ref, hyp, one));
            }
            var p = perplexity(test);
            level.append(l);
            name.append(Lambdas.component(l));
            n.append(test.size());
            bleu1.append(b1 / test.size());
            bleu4.append(b4 / test.size());
            rouge.append(r / test.size());
            ppl.append(p.ppl());
            bpw.append(p.bitsPerWord());
            distinct.append(Distinct.n(generated, 2));
        }
        return new Result(Table.create("evaluation", level, name, n, bleu1, bleu4, rouge, ppl, bpw, distinct), List.copyOf(samples));
    }

    /** Teacher-forced on the references (story tokens and the end-of-text), in batches of 16. */
    private Perplexity perplexity(List<Pair> test) {
        double nll = 0;
        long tokens = 0, words = 0, bytes = 0;
        try (var base = NDManager.newBaseManager()) {
            for (int i = 0; i < test.size(); i += 16) {
                var chunk = test.subList(i, Math.min(test.size(), i + 16));
                var batch = PairBatch.of(tokenizer, chunk, model.config().sourceContext(), model.config().context());
                long count = 0;
                for (int[] row : batch.lossMask()) for (int v : row) count += v;
                try (var s = base.newSubManager()) {
                    var t = MixedStep.Tensors.of(s, batch);
                    nll += model.loss(t.source(), t.input(), t.target()).getFloat() * (double) count;
                }
                tokens += count;
                for (var p : chunk) {
                    words += Words.count(p.story());
                    bytes += p.story().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
            }
        }
        return Perplexity.of(nll, tokens, words, bytes);
    }
}
