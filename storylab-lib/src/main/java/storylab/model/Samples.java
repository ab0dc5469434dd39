package storylab.model;

import java.util.ArrayList;
import java.util.List;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.text.Tokenizer;

/**
 * A batch of sampled continuations: the new tokens of each row with their log-probabilities and the
 * entropy of the distribution they were drawn from (both under softmax(logits / temperature), before top-k
 * or top-p truncation: what PPO needs), plus the settings that reproduce them.
 */
public record Samples(int[][] prompts, int[][] tokens, float[][] logProbs, float[][] entropies, Sampling settings,
                      Tokenizer tokenizer, double seconds) implements Displayable {

    public int size() {
        return tokens.length;
    }

    /** The continuation of row {@code i} as text (without its prompt). */
    public String text(int i) {
        return tokenizer == null ? java.util.Arrays.toString(tokens[i]) : tokenizer.decode(tokens[i]);
    }

    public List<String> texts() {
        var list = new ArrayList<String>();
        for (int i = 0; i < size(); i++) list.add(text(i));
        return list;
    }

    public String prompt(int i) {
        return tokenizer == null ? java.util.Arrays.toString(prompts[i]) : tokenizer.decode(prompts[i]);
    }

    public long newTokens() {
        long n = 0;
        for (int[] t : tokens) n += t.length;
        return n;
    }

    public double tokensPerSecond() {
        return newTokens() / Math.max(seconds, 1e-9);
    }

    @Override
    public MimeBundle toMimeBundle() {
        var text = new StringBuilder();
        var md = new StringBuilder(String.format("**%d samples** · %,d tokens · %.0f tokens/s · temperature %s, top-k %d, top-p %s, seed %d%n%n",
                size(), newTokens(), tokensPerSecond(), settings.temperature(), settings.topK(), settings.topP(), settings.seed()));
        for (int i = 0; i < size(); i++) {
            text.append(i + 1).append(". ").append(prompt(i)).append(text(i)).append('\n');
            md.append(i + 1).append(". **").append(escape(prompt(i))).append("**").append(escape(text(i))).append('\n');
        }
        return MimeBundle.text(text.toString()).with(MimeBundle.MARKDOWN, md.toString());
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace("\n", " ⏎ ");
    }

    @Override
    public String toString() {
        return toMimeBundle().plain();
    }
}
