package storylab.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of executed cells, as Jupyter's history requests see them: the last n,
 * a range of a session, or a glob search. Kept in a file in Jupyter's data folder, one per kernelspec,
 * so it survives restarts: each kernel start is a new session number. The file is shared safely by
 * kernels running at once (every read and write holds a lock file), written off the shell thread (a cell's
 * round trip never waits for the disk), and trimmed to the newest {@value #MAX_ENTRIES} entries when a
 * kernel first uses it.
 * Without a file (headless runs, tests) the history is this session's only.
 */
final class History implements AutoCloseable {

    /** One executed cell. Line 0 marks the start of a session. */
    record Entry(int session, int line, String input, String output) {}

    static final int MAX_ENTRIES = 10_000;
    /** Made on first use (the writer thread), not while the kernel starts. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }
    private static final ReentrantLock IN_JVM = new ReentrantLock(); // a file lock is per process

    private final Path file;
    private final List<Entry> memory = new ArrayList<>();
    private final ExecutorService writer;
    private volatile int session = 1;
    private boolean started;

    /** This session only, in memory. */
    History() {
        this.file = null;
        this.writer = null;
    }

    private History(Path file) {
        this.file = file;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "storylab-history");
            t.setDaemon(true);
            return t;
        });
    }

    /** The file is first read (and the session number taken) on first use, so a kernel starts without touching the disk. */
    private synchronized void ensureStarted() {
        if (started) return;
        started = true;
        writer.submit(this::start);
    }

    /** Persisted in {@code file}, shared with other kernels of the same kernelspec. */
    static History persisted(Path file) {
        return new History(file);
    }

    /** Where the history of kernelspec {@code kernelName} lives: Jupyter's data folder. */
    static Path defaultFile(String kernelName) {
        return KernelspecInstaller.jupyterDataDir().resolve("storylab").resolve("history-" + kernelName + ".jsonl");
    }

    int session() {
        flush();
        return session;
    }

    /** Takes the next session number and trims the file; runs once, on the writer thread. */
    private void start() {
        try {
            locked(() -> {
                var all = read();
                if (all.size() > MAX_ENTRIES) {
                    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                    var lines = new ArrayList<String>();
                    for (var e : all.subList(all.size() - MAX_ENTRIES, all.size())) lines.add(Mapper.JSON.writeValueAsString(e));
                    Files.write(tmp, lines, StandardCharsets.UTF_8);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                session = all.stream().mapToInt(Entry::session).max().orElse(0) + 1;
                append(new Entry(session, 0, "", null)); // claims the number before any cell runs
                return null;
            });
        } catch (IOException | RuntimeException e) {
            Log.warn("history: cannot use " + file + " (" + e.getMessage() + "); keeping this session's history in memory only");
        }
    }

    void add(int line, String input, String output) {
        synchronized (memory) {
            memory.add(new Entry(session, line, input, output));
        }
        if (writer == null) return;
        ensureStarted();
        writer.submit(() -> {
            try {
                locked(() -> append(new Entry(session, line, input, output)));
            } catch (IOException | RuntimeException e) {
                Log.warn("history: cannot write " + file + ": " + e.getMessage());
            }
        });
    }

    /** The last {@code n} entries over all sessions, oldest first. */
    List<Entry> tail(int n) {
        var all = entries();
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, n)), all.size()));
    }

    /** Lines {@code start} (inclusive) to {@code stop} (exclusive; 0 or less: to the end) of this session. */
    List<Entry> range(int start, int stop) {
        return range(0, start, stop);
    }

    /** As {@link #range(int, int)} of a session: 0 is this one, negative counts back from it, positive is absolute. */
    List<Entry> range(int sessionIndex, int start, int stop) {
        int wanted = sessionIndex > 0 ? sessionIndex : session() + sessionIndex;
        return entries().stream().filter(e -> e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
    }

    /** Entries matching a glob (* and ?) over all sessions, newest last; at most n (0: all), optionally unique inputs. */
    List<Entry> search(String glob, int n, boolean unique) {
        var regex = Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"), Pattern.DOTALL);
        var all = entries();
        var matching = new ArrayList<Entry>();
        var seen = new LinkedHashSet<String>();
        for (int i = all.size() - 1; i >= 0; i--) {
            var e = all.get(i);
            if (!regex.matcher(e.input()).matches()) continue;
            if (unique && !seen.add(e.input())) continue;
            matching.add(0, e);
            if (n > 0 && matching.size() >= n) break;
        }
        return matching;
    }

    /** Every cell of every session, in the order they ran (session markers left out). */
    private List<Entry> entries() {
        if (writer != null) {
            flush();
            try {
                return locked(this::read).stream().filter(e -> e.line() > 0).toList();
            } catch (IOException | RuntimeException e) {
                Log.warn("history: cannot read " + file + ": " + e.getMessage());
            }
        }
        synchronized (memory) {
            return List.copyOf(memory);
        }
    }

    /** Waits for the writes queued so far. */
    private void flush() {
        if (writer == null) return;
        ensureStarted();
        try {
            writer.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    /** Runs {@code io} holding the lock file next to the history, so kernels running at once take turns. */
    private <T> T locked(Io<T> io) throws IOException {
        Files.createDirectories(file.getParent());
        IN_JVM.lock();
        try (var lock = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var held = lock.lock()) {
            return io.run();
        } finally {
            IN_JVM.unlock();
        }
    }

    private List<Entry> read() throws IOException {
        var out = new ArrayList<Entry>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                out.add(Mapper.JSON.readValue(line, Entry.class));
            } catch (IOException torn) {
                // a line cut short by a crash: skip it, keep the rest
            }
        }
        return out;
    }

    private Void append(Entry e) throws IOException {
        var row = new LinkedHashMap<String, Object>();
        row.put("session", e.session());
        row.put("line", e.line());
        row.put("input", e.input());
        row.put("output", e.output());
        Files.writeString(file, Mapper.JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return null;
    }

    @Override
    public void close() {
        if (writer == null) return;
        flush();
        writer.shutdown();
    }
}
