package storylab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks against {@code shared/fixtures/metric_fixtures.json} (BLEU computed with nltk 3.8,
 * ROUGE-L with a re-implementation of rouge-score). Skipped, loudly, where the fixture is absent.
 */
class MetricFixturesTest {

    static final String FIXTURE = "shared/fixtures/metric_fixtures.json";
    static final double BLEU_TOL = 1e-9;
    static final double ROUGE_TOL = 1e-3;

    static JsonNode fixture() {
        var f = storylab.Shared.find("fixtures/metric_fixtures.json");
        if (f.isEmpty() || !Files.isRegularFile(f.get())) return null;
        try {
            return new ObjectMapper().readTree(f.get().toFile());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable fixture " + f.get(), e);
        }
    }

    private static boolean warned;

    static JsonNode requireFixture() {
        JsonNode root = fixture();
        if (root == null && !warned) {
            warned = true;
            System.err.println("!!! MetricFixturesTest SKIPPED: no " + FIXTURE + " above " + Path.of("").toAbsolutePath()
                    + " -- BLEU/ROUGE-L are NOT cross-checked against nltk in this run !!!");
        }
        Assumptions.assumeTrue(root != null, "metric fixture not found");
        return root;
    }

    /** One case per fixture pair; a placeholder case when the fixture is absent, so the skip shows. */
    static Stream<Named<JsonNode>> pairs() {
        JsonNode root = fixture();
        if (root == null) return Stream.of(Named.of("fixture missing", null));
        List<Named<JsonNode>> out = new ArrayList<>();
        root.get("pairs").forEach(p -> out.add(Named.of(p.get("id").asText(), p)));
        return out.stream();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Absolute 1e-9, and relative 1e-9 too, so that tiny unsmoothed BLEU-4 values (1e-78) are really checked. */
    static void assertBleu(double expected, double actual, String what) {
        double tol = Math.max(Math.min(BLEU_TOL, Math.abs(expected) * 1e-9), Double.MIN_NORMAL);
        if (expected == 0) tol = 0;
        assertEquals(expected, actual, tol, what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void sentenceBleuMatchesNltk(JsonNode p) {
        requireFixture();
        String id = p.get("id").asText() + ": ";
        List<String> hyp = strings(p.get("hyp_tokens"));
        List<List<String>> refs = List.of(strings(p.get("ref_tokens")));
        // the fixture's tokenization is what Bleu.tokenize does
        assertEquals(hyp, Bleu.tokenize(p.get("hypothesis").asText()), id + "BLEU tokens");
        assertEquals(refs.get(0), Bleu.tokenize(p.get("reference").asText()), id + "BLEU tokens");

        Bleu b = Bleu.sentenceTokens(hyp, refs);
        assertBleu(p.get("bleu1_nosmooth").asDouble(), b.weights(1, 0, 0, 0).score(), id + "bleu1_nosmooth");
        assertBleu(p.get("bleu1_smooth_method1").asDouble(), b.weights(1, 0, 0, 0).method1().score(), id + "bleu1_smooth_method1");
        assertBleu(p.get("bleu1_weights_tuple1").asDouble(), b.weights(1).score(), id + "bleu1_weights_tuple1");
        assertBleu(p.get("bleu1_nosmooth").asDouble(), b.order(1).score(), id + "order(1)");
        assertBleu(p.get("bleu4_nosmooth").asDouble(), b.score(), id + "bleu4_nosmooth");
        assertBleu(p.get("bleu4_smooth_method1").asDouble(), b.method1().score(), id + "bleu4_smooth_method1");
        // the text API gives the same numbers
        assertBleu(p.get("bleu4_smooth_method1").asDouble(),
                Bleu.sentence(p.get("hypothesis").asText(), p.get("reference").asText()).method1().score(), id + "text API");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void rougeLMatchesRougeScoreConventions(JsonNode p) {
        requireFixture();
        String id = p.get("id").asText() + ": ";
        JsonNode r = p.get("rougeL");
        String hyp = p.get("hypothesis").asText(), ref = p.get("reference").asText();
        assertEquals(strings(r.get("rouge_tokens_hyp")), RougeL.tokenize(hyp), id + "tokens");
        assertEquals(strings(r.get("rouge_tokens_ref")), RougeL.tokenize(ref), id + "tokens");
        assertEquals(r.get("lcs_len").asInt(), RougeL.lcsLength(RougeL.tokenize(hyp), RougeL.tokenize(ref)), id + "lcs");
        RougeScore s = RougeL.score(hyp, ref);
        assertEquals(r.get("precision").asDouble(), s.precision(), ROUGE_TOL, id + "precision");
        assertEquals(r.get("recall").asDouble(), s.recall(), ROUGE_TOL, id + "recall");
        assertEquals(r.get("f").asDouble(), s.f1(), ROUGE_TOL, id + "f");
    }

    record Pairs(List<String> hyps, List<String> refs, List<List<String>> hypTokens, List<List<List<String>>> refTokens) {
        static Pairs of(JsonNode root) {
            List<String> h = new ArrayList<>(), r = new ArrayList<>();
            List<List<String>> ht = new ArrayList<>();
            List<List<List<String>>> rt = new ArrayList<>();
            for (JsonNode p : root.get("pairs")) {
                h.add(p.get("hypothesis").asText());
                r.add(p.get("reference").asText());
                ht.add(strings(p.get("hyp_tokens")));
                rt.add(List.of(strings(p.get("ref_tokens"))));
            }
            return new Pairs(h, r, ht, rt);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusKeys")
    void corpusLevelValuesMatch(String key) {
        JsonNode root = requireFixture();
        Pairs ps = Pairs.of(root);
        double expected = root.get(key).asDouble();
        double actual = switch (key) {
            case "corpus_bleu1" -> Bleu.corpusTokens(ps.hypTokens(), ps.refTokens()).weights(1, 0, 0, 0).score();
            case "corpus_bleu4_smooth_method1" -> Bleu.corpusTokens(ps.hypTokens(), ps.refTokens()).method1().score();
            case "mean_sentence_bleu1" -> IntStream.range(0, ps.hyps().size())
                    .mapToDouble(i -> Bleu.sentence(ps.hyps().get(i), ps.refs().get(i)).order(1).score())
                    .average().orElseThrow();
            case "mean_rougeL_f" -> RougeL.mean(ps.hyps(), ps.refs()).f1();
            default -> throw new AssertionError(key);
        };
        assertEquals(expected, actual, key.contains("rouge") ? ROUGE_TOL : BLEU_TOL, key);
        if (key.startsWith("corpus_bleu")) {
            // and the text API, one reference per candidate, agrees
            Bleu viaText = Bleu.corpus(ps.hyps(), ps.refs());
            double t = key.equals("corpus_bleu1") ? viaText.order(1).score() : viaText.method1().score();
            assertEquals(expected, t, BLEU_TOL, key + " via text");
        }
    }

    static Stream<String> corpusKeys() {
        return Stream.of("corpus_bleu1", "corpus_bleu4_smooth_method1", "mean_sentence_bleu1", "mean_rougeL_f");
    }
}
