package storylab.kernel;

import java.util.List;

/** A failed cell as Jupyter shows it: exception name, message, and the readable traceback lines. */
record CellError(String ename, String evalue, List<String> traceback) {

    static CellError of(String ename, String evalue, String... lines) {
        return new CellError(ename, evalue, List.of(lines));
    }

    String text() {
        return String.join("\n", traceback);
    }
}
