package storylab.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A NaN loss is computed once more from scratch: a one-off is replaced, a repeated one reaches the caller, a finite one is untouched. */
class FiniteLossTest {

    @Test
    void aOneOffNanIsComputedOnceMoreAndARepeatedOneIsReturned() {
        var resets = new AtomicInteger();
        var retried = new ArrayList<Float>();
        var oneOff = List.of(Float.NaN, 1.5f).iterator();
        assertEquals(1.5f, Rl.Context.finiteOrOnceMore(oneOff::next, resets::incrementAndGet, retried::add));
        assertEquals(1, resets.get(), "the first try's gradients are reset before the second");
        assertEquals(List.of(Float.NaN), retried);

        var diverged = List.of(Float.POSITIVE_INFINITY, Float.NaN).iterator();
        assertTrue(Float.isNaN(Rl.Context.finiteOrOnceMore(diverged::next, resets::incrementAndGet, retried::add)), "a repeat reaches the caller");

        var calls = new AtomicInteger();
        assertEquals(0.25f, Rl.Context.finiteOrOnceMore(() -> { calls.incrementAndGet(); return 0.25f; }, resets::incrementAndGet, retried::add));
        assertEquals(1, calls.get(), "a finite loss is computed once");
        assertEquals(2, resets.get());
    }
}
