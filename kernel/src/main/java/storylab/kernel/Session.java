package storylab.kernel;

import java.util.regex.Pattern;

/**
 * A notebook's worth of cells on one evaluator: magics, the {@code ?Name} pager, then Java. Shared by the
 * Jupyter kernel and the headless runner, so a notebook behaves the same in both.
 */
final class Session implements AutoCloseable {

    /** What a cell produced: a value (or {@link Evaluator#NO_VALUE}) and, for {@code ?Name}, pager text. */
    record Outcome(Object value, String page) {
        boolean hasValue() {
            return value != Evaluator.NO_VALUE && !(value instanceof storylab.display.DisplayHandle);
        }
    }

    private static final Pattern HELP = Pattern.compile("^\\s*(\\?{1,2})\\s*([\\w.$]+(?:\\(\\))?)\\s*$|^\\s*([\\w.$]+)\\s*(\\?{1,2})\\s*$");

    private final Evaluator evaluator;
    private final Magics magics = new Magics();

    Session(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    Evaluator evaluator() {
        return evaluator;
    }

    Outcome run(String code) throws Evaluator.CellFailure {
        var help = HELP.matcher(code);
        if (help.matches()) {
            String name = help.group(2) != null ? help.group(2) : help.group(3);
            return new Outcome(Evaluator.NO_VALUE, evaluator.inspect(name, name.length(), true)
                    .orElse("Object `" + name + "` not found."));
        }
        String stripped = code.stripLeading();
        if (stripped.startsWith("%%")) {
            int nl = stripped.indexOf('\n');
            String first = nl < 0 ? stripped : stripped.substring(0, nl);
            String body = nl < 0 ? "" : stripped.substring(nl + 1);
            return new Outcome(evaluator.asMagic(() -> magics.runCell(first, body, this)), null);
        }
        // Line magics run where they stand; the Java between them runs in order.
        Object value = Evaluator.NO_VALUE;
        var java = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (isLineMagic(line)) {
                if (!java.toString().isBlank()) evaluator.eval(java.toString());
                java.setLength(0);
                value = evaluator.asMagic(() -> magics.runLine(line, this));
            } else {
                java.append(line).append('\n');
            }
        }
        if (!java.toString().isBlank()) value = evaluator.eval(java.toString());
        return new Outcome(value, null);
    }

    /** A line like {@code %maven g:a:v}; not Java's remainder operator ({@code a %b} never starts a line). */
    private boolean isLineMagic(String line) {
        String s = line.stripLeading();
        if (!s.startsWith("%") || s.startsWith("%%") || s.length() < 2) return false;
        return Character.isLetter(s.charAt(1));
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
