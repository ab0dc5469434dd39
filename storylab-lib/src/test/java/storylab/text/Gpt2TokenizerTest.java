package storylab.text;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2TokenizerTest {

    @Test
    void publishedVocabularyOffline(@TempDir Path dir) throws IOException {
        var gpt2 = new Gpt2Tokenizer();
        assertArrayEquals(new int[] {15496, 995}, gpt2.encode("Hello world"));
        String s = "Once upon a time, a dragon 🐉 met 小明.";
        assertEquals(s, gpt2.decode(gpt2.encode(s)));
        assertEquals(50256, gpt2.eot());
        assertEquals(50259, gpt2.vocabSize());
        assertEquals("ab", gpt2.decode(new int[] {64, gpt2.pad(), 65, gpt2.special("<|sep|>")}));
        gpt2.save(dir.resolve("g.json"));
        assertInstanceOf(Gpt2Tokenizer.class, Tokenizers.load(dir.resolve("g.json")));
    }
}
