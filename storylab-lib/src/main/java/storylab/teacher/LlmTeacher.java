package storylab.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Paper A's teacher: an instruction-tuned LLM behind an OpenAI-compatible chat endpoint, asked with
 * {@link RubricPrompt} and read with {@link AnswerParser}. Built to survive a long PPO run: requests run
 * concurrently, each with a timeout and retried with exponential backoff; whatever still fails becomes the
 * paper's neutral 0.5 fallback (counted in {@link #stats()}), never an exception.
 */
public final class LlmTeacher implements Teacher, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmSettings settings;
    private final HttpClient http;
    private final ExecutorService pool;
    private final ScoreCache cache;
    private final LongAdder stories = new LongAdder(), requests = new LongAdder(), cacheHits = new LongAdder(),
            ok = new LongAdder(), timeouts = new LongAdder(), http5xx = new LongAdder(), httpOther = new LongAdder(),
            refused = new LongAdder(), ioErrors = new LongAdder(), garbage = new LongAdder(), retries = new LongAdder(),
            fallbacks = new LongAdder(), latencyNanos = new LongAdder();

    /** Settings for a server at {@code base}, e.g. {@code "http://localhost:11434"} for Ollama. */
    public static LlmSettings at(String base) {
        return LlmSettings.defaults(base);
    }

    LlmTeacher(LlmSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            var t = new Thread(r, "llm-teacher");
            t.setDaemon(true);
            return t;
        });
        this.cache = new ScoreCache(settings.cacheFile());
    }

    public LlmSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "llm:" + settings.model();
    }

    @Override
    public Scores score(String prompt, String story) {
        stories.increment();
        // Nothing to grade: the rubric's verdict is fixed, so spare the server.
        if (story == null || story.isBlank()) return Scores.zero(name(), "empty story");
        var key = new ScoreCache.Key(settings.model(), prompt == null ? "" : prompt, story);
        String cached = cache.get(key);
        if (cached != null) {
            cacheHits.increment();
            return AnswerParser.parse(cached, name());
        }
        String answer = ask(prompt, story);
        if (answer == null) {
            fallbacks.increment();
            return Scores.fallback(Scores.Source.FALLBACK_AFTER_FAILURE, name(), "",
                    "no answer after " + (settings.retries() + 1) + " attempt(s)");
        }
        Scores s = AnswerParser.parse(answer, name());
        if (s.isFallback()) {
            garbage.increment();
            fallbacks.increment();
        } else {
            ok.increment();
            cache.put(key, answer);   // only good answers: a garbage one may come out right next time
        }
        return s;
    }

    /** Scores the batch with {@code parallelism} requests in flight; results keep the input order. */
    @Override
    public ScoreBatch scoreAll(List<Response> batch) {
        var futures = new ArrayList<Future<Scores>>(batch.size());
        for (var s : batch) futures.add(pool.submit(() -> score(s)));
        var out = new ArrayList<Scores>(batch.size());
        for (var f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(Scores.fallback(Scores.Source.FALLBACK_AFTER_FAILURE, name(), "", "interrupted"));
            } catch (ExecutionException e) {
                out.add(Scores.fallback(Scores.Source.FALLBACK_AFTER_FAILURE, name(), "", "error: " + e.getCause()));
            }
        }
        return new ScoreBatch(batch, out);
    }

    /** The answer text, or null when every attempt failed. */
    private String ask(String prompt, String story) {
        HttpRequest request;
        try {
            request = request(prompt, story);
        } catch (RuntimeException | IOException e) {
            ioErrors.increment();
            return null;
        }
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                retries.increment();
                try {
                    Thread.sleep(settings.backoff().toMillis() << Math.min(attempt - 1, 20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            long t0 = System.nanoTime();
            requests.increment();
            try {
                var resp = http.send(request, HttpResponse.BodyHandlers.ofString());
                latencyNanos.add(System.nanoTime() - t0);
                int code = resp.statusCode();
                if (code >= 200 && code < 300) return content(resp.body());
                if (code >= 500) http5xx.increment();
                else {
                    httpOther.increment();
                    // A malformed request or unknown model will not get better by asking again.
                    if (code != 408 && code != 429) return null;
                }
            } catch (HttpTimeoutException e) {
                latencyNanos.add(System.nanoTime() - t0);
                timeouts.increment();
            } catch (IOException e) {
                latencyNanos.add(System.nanoTime() - t0);
                if (isRefused(e)) refused.increment(); else ioErrors.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private HttpRequest request(String prompt, String story) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", settings.rubric().system());
        messages.addObject().put("role", "user").put("content", settings.rubric().user(prompt, story));
        body.put("temperature", settings.temperature());
        body.put("max_tokens", settings.maxTokens());
        body.put("stream", false);
        var b = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (settings.apiKey() != null) b.header("Authorization", "Bearer " + settings.apiKey());
        return b.build();
    }

    /** choices[0].message.content; a body that is not such JSON is handed on as-is, to be judged garbage. */
    private static String content(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode n = root.path("choices").path(0);
            JsonNode c = n.path("message").path("content");
            if (c.isTextual()) return c.asText();
            if (n.path("text").isTextual()) return n.path("text").asText();   // completions-style servers
            if (root.isContainerNode()) return "";   // JSON without an answer: its numbers are not scores
        } catch (IOException | RuntimeException ignored) { }
        return body;
    }

    private static boolean isRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof ConnectException) return true;
        return false;
    }

    public TeacherStats stats() {
        long req = requests.sum();
        return new TeacherStats(stories.sum(), req, cacheHits.sum(), ok.sum(), timeouts.sum(), http5xx.sum(),
                httpOther.sum(), refused.sum(), ioErrors.sum(), garbage.sum(), retries.sum(), fallbacks.sum(),
                req == 0 ? 0 : latencyNanos.sum() / 1e6 / req);
    }

    /** Answers held in the cache. */
    public int cached() {
        return cache.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        cache.close();
    }

    @Override
    public String toString() {
        return "LlmTeacher(" + settings + ")";
    }
}
