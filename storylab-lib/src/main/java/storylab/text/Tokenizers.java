package storylab.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a tokenizer saved by {@link Tokenizer#save}, whatever its kind. */
public final class Tokenizers {

    private Tokenizers() {}

    public static Tokenizer load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read tokenizer " + file + ": " + e.getMessage() + " (is it a tokenizer JSON saved by StoryLab?)", e);
        }
        String type = root.path("type").asText("");
        return switch (type) {
            case "bytes" -> {
                List<String> specials = new ArrayList<>();
                root.path("specials").forEach(n -> specials.add(n.asText()));
                yield new ByteTokenizer(specials);
            }
            case "bpe" -> BpeTokenizer.fromJson(root);
            case "gpt2" -> new Gpt2Tokenizer();
            default -> throw new IOException("tokenizer " + file + " has unknown type \"" + type + "\"");
        };
    }
}
