package storylab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import storylab.data.Corpora;
import storylab.data.Corpus;
import storylab.data.world.StoryWorld;

/**
 * What a reproduction pretrains on and evaluates with, as settings (so it is part of the run keys). The corpus is
 * the plan's story world by default, or a TinyStories, BabyLM or plain-text file (or folder) read by the loaders
 * of {@link Corpora}. The evaluation set gives the prompts the student continues before and after RL: the RL
 * prompts by default, or the first {@code promptWords} words of each document of a corpus file.
 *
 * @param corpus          "world", "tinystories", "babylm", "text" or "paragraphs"
 * @param corpusPath      the file or folder (null for the world)
 * @param evaluation      "prompts" (the RL prompts) or a corpus kind as above
 * @param evaluationPath  the evaluation file or folder (null for "prompts")
 * @param promptWords     words of each evaluation document used as its prompt
 * @param pairsPath       a JSON Lines file of instruction/story pairs with levels for paper B's curriculum (null: the
 *                        story world's pairs; see {@code storylab.curriculum.PairFile})
 */
public record DataSpec(String corpus, String corpusPath, String evaluation, String evaluationPath, int promptWords,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String pairsPath) {

    static final Set<String> KINDS = Set.of("world", "tinystories", "babylm", "text", "paragraphs");

    public DataSpec {
        if (!KINDS.contains(corpus)) throw new IllegalArgumentException("DataSpec.corpus must be one of " + KINDS + ", not \"" + corpus + "\"");
        if (!evaluation.equals("prompts") && (!KINDS.contains(evaluation) || evaluation.equals("world")))
            throw new IllegalArgumentException("DataSpec.evaluation must be \"prompts\" or one of tinystories, babylm, text, paragraphs, not \"" + evaluation + "\"");
        if (!corpus.equals("world")) requireFile("corpus", corpusPath);
        if (!evaluation.equals("prompts")) requireFile("evaluation", evaluationPath);
        if (promptWords < 1) throw new IllegalArgumentException("DataSpec.promptWords must be ≥ 1, got " + promptWords);
        if (pairsPath != null) requireFile("pairs", pairsPath);
    }

    public DataSpec(String corpus, String corpusPath, String evaluation, String evaluationPath, int promptWords) {
        this(corpus, corpusPath, evaluation, evaluationPath, promptWords, null);
    }

    private static void requireFile(String field, String path) {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("DataSpec." + field + "Path is missing: give the " + field + " file or folder");
        if (!Files.exists(Path.of(path)))
            throw new IllegalArgumentException("the " + field + " file " + path + " does not exist (DataSpec." + field + "Path): check the path");
    }

    /** The story world for the corpus and the RL prompts for evaluation. */
    public static DataSpec world() {
        return new DataSpec("world", null, "prompts", null, 8);
    }

    /** A corpus file or folder of one of the loaders' kinds: tinystories, babylm, text or paragraphs. */
    public DataSpec corpus(String kind, Path path) {
        return new DataSpec(kind, path.toString(), evaluation, evaluationPath, promptWords, pairsPath);
    }

    /** An evaluation set: the first {@code words} words of each of its documents are the prompts. */
    public DataSpec evaluation(String kind, Path path, int words) {
        return new DataSpec(corpus, corpusPath, kind, path.toString(), words, pairsPath);
    }

    /**
     * Paper B's curriculum trains and evaluates on this JSON Lines file's pairs (the command line's --pairs). The file
     * is read once here, so that a bad line, a line without a level or a missing weak or strong level stops the
     * command before anything runs.
     */
    public DataSpec pairs(Path file) {
        var spec = new DataSpec(corpus, corpusPath, evaluation, evaluationPath, promptWords, file.toString());
        var levels = new java.util.HashSet<Integer>();
        try (var entries = storylab.data.Corpora.jsonlPairs(file, "instruction", "story").strict().entries()) {
            for (var e : (Iterable<storylab.data.PairCorpus.Entry>) entries::iterator) {
                if (e.level() == null)
                    throw new IllegalArgumentException(e.file() + ":" + e.line() + ": no \"level\" — every line of a --pairs file needs one (none, weak, strong or 0–4)");
                levels.add(e.level());
            }
        } catch (storylab.data.CorpusFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!levels.contains(1) || !levels.contains(4))
            throw new IllegalArgumentException(file + " has no pairs of level " + (levels.contains(1) ? "strong (4)" : "weak (1)")
                    + ": paper B's curriculum trains on weak and strong instructions");
        return spec;
    }

    /** Parses "world" or "KIND:PATH" (the command line's --corpus and --eval). */
    public static DataSpec parse(String corpusArg, String evalArg) {
        var d = world();
        if (corpusArg != null && !corpusArg.equals("world")) {
            int i = corpusArg.indexOf(':');
            if (i < 0) throw new IllegalArgumentException("--corpus expects world or KIND:PATH (KIND: tinystories, babylm, text, paragraphs), got \"" + corpusArg + "\"");
            d = d.corpus(corpusArg.substring(0, i), Path.of(corpusArg.substring(i + 1)));
        }
        if (evalArg != null && !evalArg.equals("prompts")) {
            int i = evalArg.indexOf(':');
            if (i < 0) throw new IllegalArgumentException("--eval expects prompts or KIND:PATH, got \"" + evalArg + "\"");
            d = d.evaluation(evalArg.substring(0, i), Path.of(evalArg.substring(i + 1)), 8);
        }
        return d;
    }

    /** The pretraining corpus (the world's, or the file's through its loader). */
    public Corpus pretraining(long worldSeed) {
        return corpus.equals("world") ? StoryWorld.seed(worldSeed).corpus() : load(corpus, Path.of(corpusPath));
    }

    /** The evaluation prompts: {@code n} of them, cycling the RL prompts or the evaluation documents' openings. */
    public List<String> prompts(List<String> rlPrompts, int n) {
        List<String> base = rlPrompts;
        if (!evaluation.equals("prompts")) {
            base = new ArrayList<>();
            for (var d : (Iterable<storylab.data.Document>) load(evaluation, Path.of(evaluationPath)).stream().limit(n)::iterator) {
                var words = d.text().strip().split("\\s+");
                base.add(String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, promptWords))));
            }
            if (base.isEmpty()) throw new IllegalArgumentException("the evaluation file " + evaluationPath + " has no documents");
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < n; i++) out.add(base.get(i % base.size()));
        return out;
    }

    static Corpus load(String kind, Path path) {
        return switch (kind) {
            case "tinystories" -> Corpora.tinyStories(path);
            case "babylm" -> Corpora.babyLm(path);
            case "text" -> Corpora.text(path);
            case "paragraphs" -> Corpora.paragraphs(path);
            default -> throw new IllegalArgumentException("no loader for corpus kind \"" + kind + "\"");
        };
    }

    @Override
    public String toString() {
        String c = corpus.equals("world") ? "story world" : corpus + " " + Path.of(corpusPath).getFileName();
        return c + (evaluation.equals("prompts") ? "" : "; evaluation " + evaluation + " " + Path.of(evaluationPath).getFileName())
                + (pairsPath == null ? "" : "; instruction pairs " + Path.of(pairsPath).getFileName());
    }
}
