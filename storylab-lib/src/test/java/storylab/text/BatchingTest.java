package storylab.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import storylab.data.Pair;

class BatchingTest {

    final ByteTokenizer tok = new ByteTokenizer();

    @Test
    void pairBatchPadsAndMasks() {
        var b = PairBatch.of(tok, List.of(new Pair("hi", "abc"), new Pair("hello", "z")), 16, 16);
        int pad = tok.pad(), sep = tok.special("<|sep|>"), eot = tok.eot();
        assertArrayEquals(new int[] {'h', 'i', pad, pad, pad}, b.encoderIds()[0]);
        assertArrayEquals(new int[] {1, 1, 0, 0, 0}, b.encoderMask()[0]);
        assertArrayEquals(new int[] {sep, 'a', 'b', 'c'}, b.decoderInput()[0]);
        assertArrayEquals(new int[] {'a', 'b', 'c', eot}, b.decoderTarget()[0]);
        assertArrayEquals(new int[] {sep, 'z', pad, pad}, b.decoderInput()[1]);
        assertArrayEquals(new int[] {'z', eot, pad, pad}, b.decoderTarget()[1]);
        assertArrayEquals(new int[] {1, 1, 0, 0}, b.lossMask()[1]);
        var cut = PairBatch.of(tok, List.of(new Pair("x", "abcdefgh")), 4, 4);
        assertEquals(4, cut.decoderInput()[0].length);
    }

    @Test
    void promptBatchMasksTheInstruction() {
        var b = PromptBatch.of(tok, List.of(new Pair("ab", "cd"), new Pair("", "e")), 64);
        int pad = tok.pad(), sep = tok.special("<|sep|>"), eot = tok.eot();
        // row 0: a b SEP c d EOT
        assertArrayEquals(new int[] {'a', 'b', sep, 'c', 'd'}, b.input()[0]);
        assertArrayEquals(new int[] {'b', sep, 'c', 'd', eot}, b.target()[0]);
        assertArrayEquals(new int[] {0, 0, 1, 1, 1}, b.lossMask()[0]);
        assertArrayEquals(new int[] {sep, 'e', pad, pad, pad}, b.input()[1]);
        assertArrayEquals(new int[] {1, 1, 0, 0, 0}, b.lossMask()[1]);
        var cut = PromptBatch.of(tok, List.of(new Pair("instruction", "s".repeat(20))), 10);
        assertEquals(9, cut.input()[0].length);
        assertEquals(9, IntStream.of(cut.lossMask()[0]).sum());
    }
}
