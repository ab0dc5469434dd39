package storylab.teacher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible chat endpoint (Ollama, llama.cpp server, vLLM) and how hard to try.
 * Start from {@link LlmTeacher#at}, change what you need, then {@link #build()}:
 *
 * <pre>{@code
 * var teacher = LlmTeacher.at("http://localhost:11434").model("llama3.1:8b")
 *         .timeout(Duration.ofSeconds(20)).retries(3).parallelism(8).build();
 * }</pre>
 *
 * Defaults follow paper A: temperature 0.2, at most 6 answer tokens.
 */
public record LlmSettings(URI base, String model, double temperature, int maxTokens, Duration timeout, int retries,
                          Duration backoff, int parallelism, Path cacheFile, String apiKey, RubricPrompt rubric) {

    public LlmSettings {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(rubric, "rubric");
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1");
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1");
    }

    static LlmSettings defaults(String base) {
        return new LlmSettings(URI.create(base), "llama3.1:8b", 0.2, 6, Duration.ofSeconds(30), 2,
                Duration.ofMillis(250), 4, null, null, RubricPrompt.DEFAULT);
    }

    /** The chat-completions address: {base}/v1/chat/completions (a base already ending in /v1 is accepted). */
    public URI endpoint() {
        String b = base.toString().replaceAll("/+$", "");
        return URI.create(b.endsWith("/v1") ? b + "/chat/completions" : b + "/v1/chat/completions");
    }

    public LlmSettings model(String m) { return new LlmSettings(base, m, temperature, maxTokens, timeout, retries, backoff, parallelism, cacheFile, apiKey, rubric); }
    public LlmSettings temperature(double t) { return new LlmSettings(base, model, t, maxTokens, timeout, retries, backoff, parallelism, cacheFile, apiKey, rubric); }
    public LlmSettings maxTokens(int n) { return new LlmSettings(base, model, temperature, n, timeout, retries, backoff, parallelism, cacheFile, apiKey, rubric); }
    /** Per request, connection included. */
    public LlmSettings timeout(Duration d) { return new LlmSettings(base, model, temperature, maxTokens, d, retries, backoff, parallelism, cacheFile, apiKey, rubric); }
    /** Extra attempts after a failed one (0 = try once). */
    public LlmSettings retries(int n) { return new LlmSettings(base, model, temperature, maxTokens, timeout, n, backoff, parallelism, cacheFile, apiKey, rubric); }
    /** The wait before the first retry; it doubles for each further one. */
    public LlmSettings backoff(Duration d) { return new LlmSettings(base, model, temperature, maxTokens, timeout, retries, d, parallelism, cacheFile, apiKey, rubric); }
    /** Requests in flight at once when scoring a batch. */
    public LlmSettings parallelism(int k) { return new LlmSettings(base, model, temperature, maxTokens, timeout, retries, backoff, k, cacheFile, apiKey, rubric); }
    /** Also keep the answer cache in this JSONL file (loaded at build, appended to as answers come). */
    public LlmSettings cacheFile(Path p) { return new LlmSettings(base, model, temperature, maxTokens, timeout, retries, backoff, parallelism, p, apiKey, rubric); }
    /** Sent as a bearer token, for servers that want one (vLLM with --api-key). */
    public LlmSettings apiKey(String key) { return new LlmSettings(base, model, temperature, maxTokens, timeout, retries, backoff, parallelism, cacheFile, key, rubric); }
    public LlmSettings rubric(RubricPrompt r) { return new LlmSettings(base, model, temperature, maxTokens, timeout, retries, backoff, parallelism, cacheFile, apiKey, r); }

    public LlmTeacher build() {
        return new LlmTeacher(this);
    }

    @Override
    public String toString() {
        return "LlmSettings(" + endpoint() + ", " + model + ", T=" + temperature + ", max " + maxTokens + " tokens, timeout "
                + timeout.toMillis() + " ms, " + retries + " retries, backoff " + backoff.toMillis() + " ms, parallelism "
                + parallelism + (cacheFile == null ? "" : ", cache " + cacheFile) + ")";
    }
}
