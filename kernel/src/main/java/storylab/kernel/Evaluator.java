package storylab.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Java code in, values out: JShell running in this JVM, so the objects a cell returns reach the renderers.
 * One cell may hold many snippets; the value of the last expression is the cell's value.
 */
final class Evaluator implements AutoCloseable {

    /** The cell produced no value (its last snippet was a statement or declaration). */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "(no value)";
        }
    };

    /** Thrown for a cell that did not compile, threw, or was interrupted. */
    static final class CellFailure extends Exception {
        final CellError error;

        CellFailure(CellError error) {
            super(error.evalue());
            this.error = error;
        }
    }

    /** Packages every cell starts with, so the first cell needs no import. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.nio.file.*",
            "java.time.*", "java.math.*",
            "ai.djl.ndarray.*", "ai.djl.ndarray.types.*", "ai.djl.ndarray.index.*",
            "tech.tablesaw.api.*", "org.knowm.xchart.*", "org.knowm.xchart.style.*",
            "storylab.*", "storylab.display.*", "storylab.data.*", "storylab.data.world.*", "storylab.text.*", "storylab.model.*",
            "storylab.train.*", "storylab.curriculum.*", "storylab.rl.*", "storylab.teacher.*", "storylab.eval.*", "storylab.experiment.*",
            "storylab.widgets.*");

    private static final long GRACE_MILLIS = 800; // polite interrupt first; then JShell's hard stop

    private final JShell jshell;
    private final SourceCodeAnalysis analysis;
    private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "storylab-interrupt");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean interrupted;
    private volatile boolean running;
    private final List<String> classpath = new ArrayList<>();
    /** Where each snippet came from (cell number, first line in that cell), to map stack frames back. */
    private final Map<String, int[]> snippetOrigin = new java.util.concurrent.ConcurrentHashMap<>();
    private int cellNumber;

    Evaluator() {
        String cp = System.getProperty("java.class.path");
        jshell = JShell.builder()
                .executionEngine(new CapturingExecutionControl.Provider(), Map.of())
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        // The compiler needs our class path; the snippets' loader already sees it through its parent.
        jshell.addToClasspath(cp);
        analysis = jshell.sourceCodeAnalysis();
        for (String cpEntry : cp.split(File.pathSeparator)) if (!cpEntry.isBlank()) classpath.add(cpEntry);
        var imports = DEFAULT_IMPORTS.stream().filter(Evaluator::packageExists)
                .map(p -> "import " + p + ";").collect(Collectors.joining("\n"));
        imports += "\nimport static storylab.Lab.*;";
        try {
            eval(imports);
        } catch (CellFailure e) {
            throw new IllegalStateException("default imports failed: " + e.error.text());
        }
    }

    private static boolean packageExists(String wildcard) {
        String pkg = wildcard.substring(0, wildcard.length() - 2);
        if (pkg.startsWith("java.")) return true;
        return ClassLoader.getSystemResource(pkg.replace('.', '/')) != null;
    }

    /** Makes JShell compile and run its first snippets now, so the user's first cell is fast. */
    void warmUp() {
        try {
            eval("int $warm = 1 + 1;");
            analysis.completionSuggestions("Math.ma", 7, new int[1]);
            jshell.drop(jshell.snippets().filter(s -> s.source().contains("$warm")).findFirst().orElseThrow());
        } catch (CellFailure | RuntimeException ignored) {
            // warming up is an optimisation only
        }
    }

    /** Evaluates a cell of Java code; returns the last expression's value or {@link #NO_VALUE}. */
    Object eval(String code) throws CellFailure {
        interrupted = false;
        running = true;
        generation.incrementAndGet();
        cellNumber++;
        try {
            Object value = NO_VALUE;
            String remaining = code;
            int offset = 0;
            while (!remaining.isBlank()) {
                if (interrupted) throw interruptedFailure();
                var info = analysis.analyzeCompletion(remaining);
                int start = offset + leadingWhitespace(remaining);
                String source = info.source();
                if (info.completeness() == Completeness.DEFINITELY_INCOMPLETE || source == null) {
                    throw new CellFailure(CellError.of("CompileError", "incomplete code",
                            "Compile error in line " + lineOf(code, start) + ": the code ends before the statement does",
                            "    " + firstLine(remaining.strip()), "Add the missing closing bracket, parenthesis or semicolon."));
                }
                offset += remaining.length() - info.remaining().length();
                remaining = info.remaining();
                value = evalSnippet(code, source, start);
            }
            if (interrupted) throw interruptedFailure();
            return value;
        } finally {
            running = false;
        }
    }

    private Object evalSnippet(String cell, String source, int start) throws CellFailure {
        List<SnippetEvent> events = jshell.eval(source);
        Object value = NO_VALUE;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue; // side effects on other snippets
            Snippet s = e.snippet();
            snippetOrigin.put(s.id(), new int[] {cellNumber, lineOf(cell, start)});
            if (e.status() == Snippet.Status.REJECTED) throw compileFailure(cell, s, start);
            if (e.exception() != null) throw runtimeFailure(e.exception(), cell);
            if (interrupted) throw interruptedFailure();
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                System.err.println("note: defined, but cannot be used until " + unresolved(s) + " is declared");
            }
            boolean expression = s.kind() == Snippet.Kind.EXPRESSION
                    || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            value = expression ? CapturingExecutionControl.lastValue() : NO_VALUE;
            // printf, format and append return the stream they wrote to: "java.io.PrintStream@1b6d3586" under a line
            // that printed is noise, not a result.
            if (value == System.out || value == System.err) value = NO_VALUE;
        }
        return value;
    }

    private String unresolved(Snippet s) {
        if (s instanceof jdk.jshell.DeclarationSnippet d) return String.join(", ", jshell.unresolvedDependencies(d).toList());
        return "a missing name";
    }

    private CellFailure compileFailure(String cell, Snippet s, int start) {
        var lines = new ArrayList<String>();
        String first = "compile error";
        for (Diag d : jshell.diagnostics(s).filter(Diag::isError).toList()) {
            String src = s.source();
            int pos = (int) Math.max(0, Math.min(d.getPosition() < 0 ? d.getStartPosition() : d.getPosition(), src.length()));
            int lineStart = src.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = src.indexOf('\n', pos);
            if (lineEnd < 0) lineEnd = src.length();
            String message = d.getMessage(Locale.ROOT);
            if (lines.isEmpty()) first = message.lines().findFirst().orElse(message);
            lines.add("Compile error in line " + lineOf(cell, start + lineStart) + ": " + message.lines().findFirst().orElse(""));
            lines.add("    " + src.substring(lineStart, lineEnd));
            lines.add("    " + " ".repeat(Math.max(0, pos - lineStart)) + "^");
            message.lines().skip(1).forEach(l -> lines.add("  " + l.strip()));
        }
        if (lines.isEmpty()) lines.add("Compile error: " + s.source().strip());
        return new CellFailure(new CellError("CompileError", first, lines));
    }

    private CellFailure runtimeFailure(JShellException ex, String cell) {
        if (ex instanceof UnresolvedReferenceException u) {
            String name = u.getSnippet().name();
            return new CellFailure(CellError.of("UnresolvedReference", "uses an undeclared name",
                    name + " cannot run: it uses " + unresolved(u.getSnippet()) + ", which is not declared yet.",
                    "Declare it in a cell, then run this one again."));
        }
        String name = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
        if (interrupted || name.equals("java.lang.InterruptedException")) return interruptedFailure();
        var lines = new ArrayList<String>();
        Throwable t = ex;
        String prefix = "";
        while (t != null) {
            String tn = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            lines.add(prefix + tn + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            lines.addAll(userFrames(t.getStackTrace(), cell));
            t = t.getCause();
            prefix = "Caused by: ";
        }
        return new CellFailure(new CellError(name, ex.getMessage() == null ? "" : ex.getMessage(), lines));
    }

    /** Library frames, then the cell's own lines; JShell's and the kernel's machinery is cut away. */
    private List<String> userFrames(StackTraceElement[] trace, String cell) {
        int last = -1;
        for (int i = 0; i < trace.length; i++) if (isSnippetFrame(trace[i])) last = i;
        int end = last >= 0 ? last + 1 : Math.min(trace.length, 12);
        var out = new ArrayList<String>();
        for (int i = 0; i < end; i++) {
            var f = trace[i];
            if (isSnippetFrame(f)) {
                out.add("    at " + (f.getMethodName().isEmpty() || f.getMethodName().equals("do_it$") ? "cell" : f.getMethodName())
                        + " (" + origin(f) + ")");
            } else {
                out.add("    at " + f);
            }
        }
        if (end < trace.length && last < 0) out.add("    ...");
        return out;
    }

    /** JShell reports frames of snippet code with the file name "#id" (and an empty class name). */
    private static boolean isSnippetFrame(StackTraceElement f) {
        return f.getClassName().startsWith("REPL.") || (f.getFileName() != null && f.getFileName().startsWith("#"));
    }

    private String origin(StackTraceElement f) {
        String id = f.getFileName() == null ? "" : f.getFileName().substring(1);
        int[] o = snippetOrigin.get(id);
        if (o == null) return "snippet " + id + ", line " + f.getLineNumber();
        return (o[0] == cellNumber ? "this cell" : "cell " + o[0] + " of this session") + ", line " + (o[1] + f.getLineNumber() - 1);
    }

    private CellFailure interruptedFailure() {
        return new CellFailure(CellError.of("Interrupted", "the cell was interrupted",
                "Interrupted: the cell was stopped. Variables defined before the interrupt keep their values."));
    }

    /** The thread running a magic (outside JShell), so an interrupt reaches %maven's wait too. */
    private volatile Thread magic;

    interface MagicCall {
        Object run() throws CellFailure;
    }

    /** Runs a magic where {@link #interrupt} can reach it; the interrupt flag does not outlive the magic. */
    Object asMagic(MagicCall call) throws CellFailure {
        magic = Thread.currentThread();
        try {
            return call.run();
        } finally {
            magic = null;
            Thread.interrupted();
        }
    }

    /** Asks the running cell to stop: Thread.interrupt now, JShell's hard stop after a grace period. */
    void interrupt() {
        Thread m = magic;
        if (m != null) m.interrupt();
        if (!running) return;
        interrupted = true;
        Thread t = CapturingExecutionControl.runningThread();
        if (t != null) t.interrupt();
        long gen = generation.get();
        stopper.schedule(() -> {
            if (running && generation.get() == gen) jshell.stop();
        }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    boolean isRunning() {
        return running;
    }

    /** Completions at the cursor: the replaced range and the candidate texts. */
    record Completion(int start, int end, List<String> matches) {}

    Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        var suggestions = analysis.completionSuggestions(code, cursor, anchor);
        var matches = new LinkedHashSet<String>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(anchor[0], cursor, List.copyOf(matches));
    }

    /**
     * Signature and documentation of what is at the cursor (also with the cursor at the end of a name).
     * With {@code detail} (the pager, {@code ?Name}), a class also lists its public constructors and methods.
     */
    Optional<String> inspect(String code, int cursor, boolean detail) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        String head = code.substring(0, end);
        for (String attempt : List.of(head, head + "(")) {
            var docs = analysis.documentation(attempt, attempt.length(), true);
            if (docs.isEmpty()) continue;
            var text = docs.stream().map(d -> d.signature() + documentation(d).map(doc -> "\n\n" + doc).orElse(""))
                    .distinct().collect(Collectors.joining("\n\n"));
            if (detail && docs.size() == 1 && !docs.get(0).signature().contains("(")) {
                String members = loadedClass(docs.get(0).signature()).map(Javadoc::members).orElse("");
                if (!members.isEmpty()) text += "\n\n" + members;
            }
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /** JShell's javadoc (the JDK's, from src.zip) or, for the lab, the comment in the sources the kernel ships. */
    private static Optional<String> documentation(SourceCodeAnalysis.Documentation d) {
        if (d.javadoc() != null && !d.javadoc().isBlank()) return Optional.of(Javadoc.format(d.javadoc()));
        String sig = d.signature();
        int paren = sig.indexOf('(');
        if (paren < 0) return Javadoc.lab(qualified(sig), null, -1).map(Javadoc::format);
        String before = sig.substring(0, paren);
        String name = before.substring(before.lastIndexOf(' ') + 1);
        String args = sig.substring(paren + 1, sig.lastIndexOf(')')).replaceAll("<[^<>]*>", "").replaceAll("<[^<>]*>", "");
        int params = args.isBlank() ? 0 : args.split(",").length;
        int dot = name.lastIndexOf('.');
        if (dot < 0) return Optional.empty();
        String member = name.substring(dot + 1);
        return Javadoc.lab(qualified(name.substring(0, dot)), member, params)
                .or(() -> Javadoc.lab(qualified(name), member, params)) // a constructor: Type(…)
                .map(Javadoc::format);
    }

    /**
     * The class a signature names, if the kernel's class loader has it. JShell writes imported names short
     * (Lab, not storylab.Lab), so the default imports are tried too; nested classes use '$'.
     */
    static Optional<Class<?>> loadedClass(String signature) {
        String name = signature.replaceAll("<.*", "").strip();
        var candidates = new ArrayList<String>();
        candidates.add(name);
        for (String p : DEFAULT_IMPORTS) candidates.add(p.substring(0, p.length() - 1) + name);
        for (String candidate : candidates) {
            for (String n = candidate; ; ) {
                try {
                    return Optional.of(Class.forName(n, false, ClassLoader.getSystemClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    int dot = n.lastIndexOf('.');
                    if (dot < 0 || n.indexOf('.') == dot) break;
                    n = n.substring(0, dot) + "$" + n.substring(dot + 1);
                }
            }
        }
        return Optional.empty();
    }

    private static String qualified(String className) {
        return loadedClass(className).map(c -> c.getCanonicalName() != null ? c.getCanonicalName() : c.getName()).orElse(className);
    }

    /** Jupyter's is_complete answer: the status, and for incomplete code the indent of the next line. */
    record Readiness(String status, String indent) {}

    /**
     * Jupyter's is_complete: complete, incomplete (more lines will follow) or invalid (can never parse, as
     * ipykernel answers for a syntax error). Each complete snippet is parsed, not compiled: an unknown
     * name is still "complete", since a later cell may declare it.
     */
    Readiness isComplete(String code) {
        if (hasUnmatchedCloser(code)) return new Readiness("invalid", null);
        String remaining = code;
        while (!remaining.isBlank()) {
            var info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE:
                    return new Readiness("incomplete", indentHint(code));
                case UNKNOWN:
                    return new Readiness("invalid", null);
                default:
                    break;
            }
            if (info.source() != null && !Syntax.parses(info.source())) return new Readiness("invalid", null);
            if (info.remaining().length() >= remaining.length()) break;
            remaining = info.remaining();
        }
        return new Readiness("complete", null);
    }

    /** The indent of the last line, one level deeper after an opening bracket. */
    static String indentHint(String code) {
        var lines = code.stripTrailing().split("\n", -1);
        String last = lines[lines.length - 1];
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        String end = last.replaceAll("//.*$", "").stripTrailing();
        boolean opens = end.endsWith("{") || end.endsWith("(") || end.endsWith("[") || end.endsWith(",") || end.endsWith("->");
        return opens ? indent + "    " : indent;
    }

    /** A ')' ']' or '}' with no opener before it can never be fixed by typing more. */
    static boolean hasUnmatchedCloser(String code) {
        var stack = new ArrayList<Character>();
        boolean inString = false, inChar = false, lineComment = false, blockComment = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i), next = i + 1 < code.length() ? code.charAt(i + 1) : 0;
            if (lineComment) { if (c == '\n') lineComment = false; continue; }
            if (blockComment) { if (c == '*' && next == '/') { blockComment = false; i++; } continue; }
            if (inString || inChar) {
                if (c == '\\') i++;
                else if (inString && c == '"') inString = false;
                else if (inChar && c == '\'') inChar = false;
                continue;
            }
            switch (c) {
                case '/' -> { if (next == '/') lineComment = true; else if (next == '*') blockComment = true; }
                case '"' -> inString = true;
                case '\'' -> inChar = true;
                case '(', '[', '{' -> stack.add(c);
                case ')', ']', '}' -> {
                    char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (stack.isEmpty() || stack.remove(stack.size() - 1) != open) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** Adds jars or folders for later cells (the %classpath and %maven magics). */
    void addToClasspath(String path) {
        jshell.addToClasspath(path);
        classpath.add(path);
    }

    List<String> classpath() {
        return List.copyOf(classpath);
    }

    @Override
    public void close() {
        stopper.shutdownNow();
        jshell.close();
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }
}
