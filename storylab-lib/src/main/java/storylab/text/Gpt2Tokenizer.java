package storylab.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * GPT-2's published 50,257-token vocabulary (via jtokkit, which ships it in its jar: no network). GPT-2 has
 * only {@code <|endoftext|>} (50256); the lab's padding and separator get the next two ids, so the
 * vocabulary is 50,259 and those two ids decode to nothing. Text is encoded as ordinary text: the string
 * "<|endoftext|>" inside a story does not become the special token.
 */
public final class Gpt2Tokenizer implements Tokenizer {

    public static final int EOT = 50256, PAD = 50257, SEP = 50258;

    private static final Encoding ENCODING = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);

    @Override
    public int[] encode(String text) {
        return ENCODING.encodeOrdinary(text).toArray();
    }

    @Override
    public String decode(int[] ids) {
        var list = new IntArrayList(ids.length);
        for (int id : ids) if (id >= 0 && id < EOT) list.add(id);
        return ENCODING.decode(list);
    }

    @Override
    public int vocabSize() {
        return SEP + 1;
    }

    @Override
    public int eot() {
        return EOT;
    }

    @Override
    public int pad() {
        return PAD;
    }

    @Override
    public int special(String name) {
        return switch (name) {
            case "<|endoftext|>" -> EOT;
            case "<|pad|>" -> PAD;
            case "<|sep|>" -> SEP;
            default -> throw new IllegalArgumentException("unknown special token " + name + "; GPT-2 here has <|endoftext|>, <|pad|>, <|sep|>");
        };
    }

    @Override
    public void save(Path file) throws IOException {
        Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("type", "gpt2")));
    }

    @Override
    public String toString() {
        return "Gpt2Tokenizer(vocab 50257 + pad + sep)";
    }
}
