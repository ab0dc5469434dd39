package storylab.kernel;

import com.sun.source.util.JavacTask;
import java.net.URI;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Whether a snippet can parse as Java at all, for is_complete's "invalid". Only javac's parser runs, so a
 * name a later cell may declare does not count against the code. A snippet may be a declaration, a
 * statement, an expression or an import: it is valid if it parses in any of those places.
 */
final class Syntax {

    private static final List<String> PLACES = List.of(
            "%s\nclass Cell$ {}",                        // imports, classes, records, interfaces
            "class Cell$ {\n%s\n}",                      // fields and methods
            "class Cell$ { void cell$() {\n%s\n} }",     // statements
            "class Cell$ { Object value$ = (\n%s\n); }"); // an expression without its semicolon

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private Syntax() {}

    static boolean parses(String snippet) {
        String expression = snippet.strip().endsWith(";") ? snippet.strip().substring(0, snippet.strip().length() - 1) : snippet;
        for (int i = 0; i < PLACES.size(); i++) {
            if (parsesAs(PLACES.get(i).formatted(i == PLACES.size() - 1 ? expression : snippet))) return true;
        }
        return false;
    }

    private static boolean parsesAs(String source) {
        var file = new SimpleJavaFileObject(URI.create("string:///Cell$.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var task = (JavacTask) JAVAC.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(file));
        try {
            task.parse();
        } catch (java.io.IOException e) {
            return false;
        }
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR);
    }
}
