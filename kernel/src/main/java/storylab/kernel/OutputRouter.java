package storylab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Replaces System.out and System.err for user code. Text is buffered and handed to the current target
 * (the running cell's stream publisher) on each newline flush, every 50 ms, and at the end of a cell — so
 * output appears while a cell runs, without a message per character.
 */
final class OutputRouter {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Channel out = new Channel("stdout");
    private final Channel err = new Channel("stderr");
    private volatile BiConsumer<String, String> target; // (stream name, text)
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "storylab-output-flush");
        t.setDaemon(true);
        return t;
    });

    OutputRouter() {
        flusher.scheduleWithFixedDelay(this::flush, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** Installs the router as System.out/err. */
    void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    void uninstall() {
        flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Sends output to {@code newTarget} (null: to the process's own stdout/stderr). */
    void route(BiConsumer<String, String> newTarget) {
        flush();
        target = newTarget;
    }

    void flush() {
        System.out.flush();
        System.err.flush();
        out.drain();
        err.drain();
    }

    PrintStream originalErr() {
        return originalErr;
    }

    /** Length of the longest prefix that does not end inside a multi-byte UTF-8 character. */
    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(4, n); back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xc0) == 0x80) continue; // continuation byte: look further back
            int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }

    private final class Channel extends OutputStream {
        private final String name;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Channel(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }

        void drain() {
            String text;
            synchronized (this) {
                if (buffer.size() == 0) return;
                byte[] bytes = buffer.toByteArray();
                int cut = completeUtf8Prefix(bytes);
                text = new String(bytes, 0, cut, StandardCharsets.UTF_8);
                buffer.reset();
                buffer.write(bytes, cut, bytes.length - cut); // a character split across writes waits for its tail
            }
            var t = target;
            if (t != null) t.accept(name, text);
            else (name.equals("stderr") ? originalErr : originalOut).print(text);
        }
    }
}
