package storylab.display;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink used outside any notebook: plain text to stdout, questions read from stdin, progress as a
 * terminal bar redrawn in place (or a log line every few seconds when stdout is not a terminal).
 */
public final class ConsoleSink implements DisplaySink {

    private final PrintStream out;
    private final AtomicLong ids = new AtomicLong();
    private final boolean terminal = System.console() != null;
    private long lastLine;

    public ConsoleSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public String display(MimeBundle bundle) {
        out.println(bundle.plain());
        return "console-" + ids.incrementAndGet();
    }

    @Override
    public void update(String displayId, MimeBundle bundle) {
        out.println(bundle.plain());
    }

    @Override
    public void clearOutput(boolean wait) {
        // A terminal's scrollback is the user's: nothing to clear.
    }

    @Override
    public String ask(String prompt, boolean password) {
        out.print(prompt);
        out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) throw new IllegalStateException("no answer: standard input is closed (run interactively to answer \"" + prompt.strip() + "\")");
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void progress(Progress progress) {
        if (terminal) {
            out.print("\r" + progress.bar(30));
            if (progress.finished()) out.println();
            out.flush();
            return;
        }
        long now = System.nanoTime();
        if (progress.finished() || now - lastLine > 5_000_000_000L) {
            lastLine = now;
            out.println(progress.bar(30));
        }
    }
}
