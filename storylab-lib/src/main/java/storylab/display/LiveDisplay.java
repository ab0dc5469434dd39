package storylab.display;

import java.util.function.Supplier;

/**
 * One display refreshed in place at a bounded rate: a training loop calls {@link #offer} every step, and
 * the (possibly costly) rendering happens only when the interval has passed. {@link #finish} always
 * shows the final state.
 */
public final class LiveDisplay {

    private final long minIntervalNanos;
    private String id;
    private long last;

    LiveDisplay(long minIntervalMillis) {
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    /** Renders {@code view} if the interval has passed since the last refresh; returns whether it did. */
    public boolean offer(Supplier<?> view) {
        long now = System.nanoTime();
        if (id != null && now - last < minIntervalNanos) return false;
        refresh(view.get());
        last = now;
        return true;
    }

    /** Shows the final state regardless of the interval. */
    public void finish(Object view) {
        refresh(view);
    }

    public String id() {
        return id;
    }

    private void refresh(Object view) {
        if (id == null) id = Display.show(view);
        else Display.update(id, view);
    }
}
