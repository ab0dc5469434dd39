package storylab.kernel;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Documentation for the pager and Shift+Tab. JShell finds the JDK's javadoc in its {@code lib/src.zip}
 * (Debian: openjdk-17-source); the lab's comes from the sources the kernel jar ships under
 * {@value #SOURCES}. Either way the raw comment is turned into plain text here.
 */
final class Javadoc {

    static final String SOURCES = "storylab-sources/";

    /** One documented declaration of a source file: its class chain, name ("" for the class) and arity. */
    private record Doc(String owner, String name, int params, String comment) {}

    private static final Map<String, List<Doc>> PARSED = new ConcurrentHashMap<>();

    private Javadoc() {}

    /**
     * The lab's doc comment of a class ({@code member} null) or of a method or constructor with that many
     * parameters ({@code -1}: any), when the class is one whose source ships with the kernel.
     */
    static Optional<String> lab(String className, String member, int params) {
        String cls = className.replaceAll("<.*", "");
        for (String file = cls; file.contains("."); file = file.substring(0, file.lastIndexOf('.'))) {
            var docs = parse(file);
            if (docs.isEmpty()) continue;
            String owner = cls.substring(file.lastIndexOf('.') + 1);
            String simple = owner.substring(owner.lastIndexOf('.') + 1);
            String name = member == null ? "" : member.equals(simple) ? "<init>" : member;
            return docs.get().stream()
                    .filter(d -> d.owner.equals(owner) && d.name.equals(name) && (params < 0 || member == null || d.params == params))
                    .map(Doc::comment).findFirst();
        }
        return Optional.empty();
    }

    private static Optional<List<Doc>> parse(String topLevelClass) {
        String resource = SOURCES + topLevelClass.replace('.', '/') + ".java";
        var cached = PARSED.get(resource);
        if (cached != null) return Optional.of(cached);
        String source;
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        var file = new SimpleJavaFileObject(URI.create("string:///" + resource), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        var task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
        var trees = Trees.instance(task);
        var docs = new ArrayList<Doc>();
        try {
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, String>() {
                    @Override
                    public Void visitClass(ClassTree c, String owner) {
                        String name = owner.isEmpty() ? c.getSimpleName().toString() : owner + "." + c.getSimpleName();
                        add(name, "", 0);
                        return super.visitClass(c, name);
                    }

                    @Override
                    public Void visitMethod(MethodTree m, String owner) {
                        add(owner, m.getName().toString(), m.getParameters().size());
                        return null;
                    }

                    private void add(String owner, String name, int params) {
                        String comment = trees.getDocComment(getCurrentPath());
                        if (comment != null) docs.add(new Doc(owner, name, params, comment));
                    }
                }.scan(unit, "");
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        PARSED.put(resource, docs);
        return Optional.of(docs);
    }

    /** A raw doc comment as pager text: inline tags unwrapped, HTML dropped, block tags as sections. */
    static String format(String raw) {
        String text = raw.replaceAll("\\{@(?:code|literal)\\s+([^}]*)}", "$1")
                .replaceAll("\\{@link(?:plain)?\\s+\\S+\\s+([^}]+)}", "$1")                      // {@link Foo#bar label}
                .replaceAll("\\{@link(?:plain)?\\s+#?([^}\\s]+)\\s*}", "$1")                      // {@link Foo#bar}
                .replaceAll("\\{@\\w+\\s*([^}]*)}", "$1")
                .replaceAll("(?i)<p>|</p>|<br\\s*/?>", "\n\n")
                .replaceAll("(?i)<li>", "\n  - ")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("(\\w)#(\\w)", "$1.$2");
        var body = new StringBuilder();
        var params = new ArrayList<String>();
        String returns = null;
        for (String line : text.strip().split("\n")) {
            String l = line.strip();
            if (l.startsWith("@param")) params.add(l.substring(6).strip());
            else if (l.startsWith("@return")) returns = l.substring(7).strip();
            else if (l.startsWith("@throws") || l.startsWith("@see") || l.startsWith("@since") || l.startsWith("@author")
                    || l.startsWith("@implNote") || l.startsWith("@apiNote") || l.startsWith("@implSpec") || l.startsWith("@jls")) {
                body.append(l.replaceFirst("@(\\w+)", "$1:")).append('\n');
            } else if (!params.isEmpty() && returns == null && !l.isEmpty() && !l.startsWith("@")) {
                params.set(params.size() - 1, params.get(params.size() - 1) + " " + l);
            } else body.append(l).append('\n');
        }
        var out = new StringBuilder(body.toString().replaceAll("\n{3,}", "\n\n").strip());
        if (!params.isEmpty()) out.append("\n\nParameters:\n").append(params.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        if (returns != null) out.append("\n\nReturns: ").append(returns);
        return out.toString();
    }

    /** The first sentence of a comment, for one-line summaries. */
    static String summary(String raw) {
        String text = format(raw).replace('\n', ' ').replaceAll("\\s+", " ");
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** The pager's list of a class's public constructors and methods, with the lab's one-line summaries. */
    static String members(Class<?> type) {
        var lines = new ArrayList<String>();
        var members = Stream.concat(Stream.of(type.getConstructors()),
                        Stream.of(type.getMethods()).filter(m -> m.getDeclaringClass() == type && !m.isSynthetic() && !m.isBridge()))
                .sorted(Comparator.comparing((Executable e) -> e instanceof java.lang.reflect.Constructor ? "" : e.getName()))
                .toList();
        for (Executable e : members) {
            String params = Stream.of(e.getParameters()).map(p -> p.getParameterizedType().getTypeName().replace('$', '.').replaceAll("[\\w.]+\\.", "") + " " + p.getName())
                    .collect(Collectors.joining(", "));
            String head = (Modifier.isStatic(e.getModifiers()) ? "static " : "")
                    + (e instanceof java.lang.reflect.Method m ? m.getGenericReturnType().getTypeName().replaceAll("[\\w.]+\\.", "") + " " + m.getName() : "new " + type.getSimpleName())
                    + "(" + params + ")";
            String name = e instanceof java.lang.reflect.Method ? e.getName() : type.getSimpleName();
            String doc = lab(type.getCanonicalName() == null ? type.getName() : type.getCanonicalName(), name, e.getParameterCount()).map(Javadoc::summary).orElse("");
            lines.add("  " + head + (doc.isEmpty() ? "" : "\n      " + doc));
        }
        return lines.isEmpty() ? "" : "Public constructors and methods:\n" + String.join("\n", lines);
    }
}
