package storylab.rl;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import storylab.model.Torch;

/**
 * Runs the two halves of a piece of an RL step — a minibatch's forward and backward, the reference pass —
 * side by side when PyTorch may use two or more threads, else one after the other on the caller's thread.
 * The models here are small: inside one op a second thread mostly waits (a parallel region lasts as long as
 * its slowest thread, and every op has one), while two halves of a batch keep two cores busy between syncs.
 * Each worker runs its ops with one PyTorch thread. The work is always split in the same two halves, so a
 * run computes the same numbers whichever way they are scheduled.
 */
final class Halves implements AutoCloseable {

    private final ExecutorService pool; // null: sequential

    private Halves(ExecutorService pool) {
        this.pool = pool;
    }

    /** Parallel when PyTorch is allowed two or more threads now ({@link Torch#threads}). */
    static Halves forCurrentThreads() {
        int threads = Torch.threads();
        if (threads < 2) return new Halves(null);
        var pool = Executors.newFixedThreadPool(2, r -> {
            var t = new Thread(r, "storylab-rl-half");
            t.setDaemon(true);
            return t;
        });
        var halves = new Halves(pool);
        // PyTorch's thread count is per thread once a thread has run an op; a new thread copies the process-wide
        // value on its first op. Initialise each worker with one thread, then put the process-wide value back.
        halves.map(i -> {
            JniUtils.getNumThreads(); // the worker's first call: takes the process-wide value...
            JniUtils.setNumThreads(1); // ...then its own single thread
            return null;
        });
        JniUtils.setNumThreads(threads);
        return halves;
    }

    static Halves sequential() {
        return new Halves(null);
    }

    boolean parallel() {
        return pool != null;
    }

    /** Results of {@code task(0)} and {@code task(1)}; a failure of either is rethrown after both have ended. */
    <T> List<T> map(IntFunction<T> task) {
        var out = new ArrayList<T>(2);
        if (pool == null) {
            for (int i = 0; i < 2; i++) out.add(task.apply(i));
            return out;
        }
        var futures = new ArrayList<Future<T>>(2);
        for (int i = 0; i < 2; i++) {
            int half = i;
            futures.add(pool.submit(() -> task.apply(half)));
        }
        RuntimeException failure = null;
        for (var f : futures) {
            try {
                out.add(await(f));
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                out.add(null);
            }
        }
        if (failure != null) throw failure;
        return out;
    }

    /**
     * {@code task} on the first worker (on the caller's thread when sequential): keeps PyTorch work that cannot
     * be halved, such as the optimiser step, on a one-thread worker too.
     */
    <T> T one(Supplier<T> task) {
        return pool == null ? task.get() : await(pool.submit(task::get));
    }

    /**
     * Waits for a task even when interrupted (it may be writing gradients or weights), then keeps the flag
     * for the caller; rethrows the task's failure.
     */
    private static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new RlException(String.valueOf(e.getCause()), e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Rows split in two halves (the first takes the extra row of an odd count). */
    static int[][] split(int[] rows) {
        int mid = (rows.length + 1) / 2;
        return new int[][] {java.util.Arrays.copyOfRange(rows, 0, mid), java.util.Arrays.copyOfRange(rows, mid, rows.length)};
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }

    @Override
    public String toString() {
        return pool == null ? "Halves(sequential)" : "Halves(2 threads)";
    }
}
