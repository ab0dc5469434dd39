/**
 * Language models on PyTorch through DJL: {@link storylab.model.Gpt} (decoder-only, GPT-2 shape; configs
 * {@link storylab.model.GptConfig#tiny}, {@code small}, {@code gpt2Small}), {@link storylab.model.EncoderDecoder}
 * (paper B), and seeded batch sampling with a preallocated KV cache ({@link storylab.model.Sampler},
 * {@link storylab.model.Samples} with per-token log-probabilities and entropies).
 *
 * <pre>{@code
 * var model = Gpt.tiny(tokenizer.vocabSize());
 * model.sampler(tokenizer).temperature(0.8).topK(40).seed(1).maxTokens(90).sample("Once upon a time");
 * }</pre>
 */
package storylab.model;
