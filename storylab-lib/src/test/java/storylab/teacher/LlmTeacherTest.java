package storylab.teacher;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM teacher against a real loopback HTTP server that misbehaves on purpose, story by story. */
class LlmTeacherTest {

    static final ObjectMapper JSON = new ObjectMapper();
    HttpServer server;
    ExecutorService serverPool;
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger(), maxInFlight = new AtomicInteger();
    volatile Map<String, Object> lastBody;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverPool = Executors.newFixedThreadPool(16, r -> { var t = new Thread(r); t.setDaemon(true); return t; });
        server.setExecutor(serverPool);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverPool.shutdownNow();
    }

    /** The story decides the behaviour: SLOW, FAIL500, GARBAGE, FLAKY (500 once, then fine), NOISY, else "2 3 1". */
    @SuppressWarnings("unchecked")
    void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            var body = JSON.readValue(ex.getRequestBody(), Map.class);
            lastBody = body;
            var messages = (List<Map<String, String>>) body.get("messages");
            String user = messages.get(messages.size() - 1).get("content");
            int n = hits.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
            if (user.contains("SLOW")) {
                sleep(1500);
                reply(ex, 200, chat("2 2 2"));
            } else if (user.contains("FAIL500")) reply(ex, 500, "{\"error\":\"overloaded\"}");
            else if (user.contains("FLAKY") && n == 1) reply(ex, 503, "busy");
            else if (user.contains("GARBAGE")) reply(ex, 200, chat("I think it is good"));
            else if (user.contains("NOISY")) reply(ex, 200, chat("Scores: 5, 2, -1 and 9"));
            else if (user.contains("PAUSE")) { sleep(100); reply(ex, 200, chat("1 1 1")); }
            else reply(ex, 200, chat("2 3 1"));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    static String chat(String content) throws IOException {
        return JSON.writeValueAsString(Map.of("id", "x", "object", "chat.completion", "created", 1700000000,
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content), "finish_reason", "stop"))));
    }

    static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        try (var os = ex.getResponseBody()) { os.write(b); }
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    LlmSettings settings() {
        return LlmTeacher.at(base()).model("test-model").timeout(Duration.ofMillis(400)).retries(2)
                .backoff(Duration.ofMillis(10)).parallelism(4);
    }

    @Test
    void normalAnswerIsParsedAndRequestFollowsThePaper() {
        try (var t = settings().build()) {
            var s = t.score("Once upon a time", "A fox lived in the wood. He was happy.");
            assertEquals(List.of(2, 3, 1), List.of(s.readability(), s.coherence(), s.creativity()));
            assertEquals(Scores.Source.OK, s.source());
            assertEquals(6 / 9.0, s.normalized(), 1e-12);
            assertEquals("test-model", lastBody.get("model"));
            assertEquals(0.2, ((Number) lastBody.get("temperature")).doubleValue(), 1e-12);
            assertEquals(6, ((Number) lastBody.get("max_tokens")).intValue());
            assertEquals(1, t.stats().ok());
        }
    }

    @Test
    void faultsBecomeFallbacksAndAreCounted() throws Exception {
        int dead;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { dead = s.getLocalPort(); }
        try (var t = settings().build()) {
            var batch = t.scoreAll("P", List.of("fine story.", "SLOW story.", "FAIL500 story.", "GARBAGE story.",
                    "FLAKY story.", "NOISY story.", "fine story."));
            assertEquals(7, batch.size());
            assertEquals("2 3 1", batch.get(0).toString());
            assertEquals(Scores.Source.FALLBACK_AFTER_FAILURE, batch.get(1).source(), "slow beyond timeout → fallback");
            assertEquals(0.5, batch.get(1).normalized());
            assertEquals(Scores.Source.FALLBACK_AFTER_FAILURE, batch.get(2).source(), "HTTP 500 → fallback");
            assertEquals(Scores.Source.PARSE_FALLBACK, batch.get(3).source(), "garbage → parse fallback");
            assertEquals(0.5, batch.get(3).normalized());
            assertEquals(Scores.Source.OK, batch.get(4).source(), "flaky server → retried and answered");
            assertEquals("3 2 1", batch.get(5).toString(), "integers clamped to 0..3, first three taken");
            var st = t.stats();
            assertEquals(7, st.stories());
            assertEquals(3, st.timeouts(), "slow: 1 try + 2 retries");
            assertEquals(4, st.http5xx(), "500 three times, 503 once");
            assertEquals(1, st.garbage());
            assertEquals(2 + 2 + 1, st.retries());
            assertEquals(3, st.fallbacks());
            assertTrue(st.cacheHits() >= 0);
            assertEquals(3, hits.get(RubricPrompt.DEFAULT.user("P", "SLOW story.")).get());
            assertTrue(st.toMimeBundle().get("text/html").contains("timeouts"));
        }
        try (var t = LlmTeacher.at("http://127.0.0.1:" + dead).retries(1).backoff(Duration.ofMillis(5)).timeout(Duration.ofMillis(500)).build()) {
            var s = t.score("P", "A story.");
            assertEquals(Scores.Source.FALLBACK_AFTER_FAILURE, s.source());
            assertEquals(2, t.stats().refused());
            assertEquals(1, t.stats().retries());
            assertEquals(1, t.stats().fallbacks());
        }
    }

    @Test
    void cachesGoodAnswersAndPersistsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cache.jsonl");
        try (var t = settings().cacheFile(file).build()) {
            t.score("P", "cache me.");
            t.score("P", "cache me.");
            t.score("P", "GARBAGE once.");
            t.score("P", "GARBAGE once.");
            assertEquals(1, t.stats().cacheHits());
            assertEquals(1, hits.get(RubricPrompt.DEFAULT.user("P", "cache me.")).get());
            assertEquals(2, hits.get(RubricPrompt.DEFAULT.user("P", "GARBAGE once.")).get(), "garbage is not cached");
        }
        assertEquals(1, Files.readAllLines(file).size());
        try (var t = settings().cacheFile(file).build()) {
            assertEquals("2 3 1", t.score("P", "cache me.").toString());
            assertEquals(1, t.stats().cacheHits());
            assertEquals(0, t.stats().requests());
        }
        try (var t = settings().model("other-model").cacheFile(file).build()) {
            t.score("P", "cache me.");
            assertEquals(0, t.stats().cacheHits(), "the model is part of the key");
        }
    }

    @Test
    void batchesRunConcurrentlyAndKeepOrder() {
        try (var t = settings().parallelism(4).build()) {
            var stories = new java.util.ArrayList<String>();
            for (int i = 0; i < 12; i++) stories.add("PAUSE " + i + ".");
            long t0 = System.nanoTime();
            var batch = t.scoreAll("P", stories);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(12, batch.size());
            for (int i = 0; i < 12; i++) assertEquals("PAUSE " + i + ".", batch.stories().get(i).text());
            assertTrue(maxInFlight.get() > 1 && maxInFlight.get() <= 4, "in flight: " + maxInFlight.get());
            assertTrue(ms < 12 * 100, "took " + ms + " ms");
            assertTrue(batch.toMimeBundle().get("text/html").contains("<table"));
        }
    }

    @Test
    void emptyStoryIsZeroWithoutAsking() {
        try (var t = settings().build()) {
            assertEquals("0 0 0", t.score("P", "  ").toString());
            assertEquals(0, t.stats().requests());
        }
    }
}
