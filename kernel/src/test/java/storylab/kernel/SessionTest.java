package storylab.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    static Session session;

    @BeforeAll
    static void start() {
        session = new Session(new Evaluator());
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static String stdout(Session.Outcome[] holder, String code) throws Exception {
        var old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            holder[0] = session.run(code);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void questionMarkOpensThePagerWithSignatureAndDocs() throws Exception {
        var before = session.run("?Math.max");
        assertTrue(before.page().contains("Math.max"), before.page());
        var after = session.run("Math.max?");
        assertEquals(before.page(), after.page());
        assertEquals("Object `nothingByThatName` not found.", session.run("?nothingByThatName").page());
        assertFalse(before.hasValue());
    }

    @Test
    void timeCellMagicReportsWallTimeAndKeepsTheValue() throws Exception {
        var holder = new Session.Outcome[1];
        String out = stdout(holder, "%%time\nThread.sleep(20);\n7 * 6");
        assertEquals(42, holder[0].value());
        assertTrue(out.matches("(?s)Wall time: \\d+\\.\\d ms\\s*"), out);
    }

    @Test
    void lsmagicListsEveryMagic() throws Exception {
        String out = stdout(new Session.Outcome[1], "%lsmagic");
        for (String m : new String[] {"%classpath", "%load", "%maven", "%lsmagic", "%%time"}) assertTrue(out.contains(m), out);
    }

    @Test
    void loadRunsAScriptInThisSession(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("helpers.jsh");
        Files.writeString(script, "int twice(int x) { return 2 * x; }\n");
        session.run("%load " + script);
        assertEquals(84, session.run("twice(42)").value());
        var missing = assertThrows(Evaluator.CellFailure.class, () -> session.run("%load " + dir.resolve("nope.jsh")));
        assertTrue(missing.error.evalue().contains("no such file"), missing.error.evalue());
    }

    @Test
    void classpathMagicAddsCompiledClasses(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/greet/Hello.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package greet; public class Hello { public static String hi() { return \"hi from a jar\"; } }");
        Path classes = dir.resolve("classes");
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.toString()));
        session.run("%classpath " + classes);
        assertEquals("hi from a jar", session.run("greet.Hello.hi()").value());
    }

    @Test
    void mavenMagicResolvesAnArtifactWithItsDependencies() throws Exception {
        var holder = new Session.Outcome[1];
        assertThrows(Evaluator.CellFailure.class, () -> session.run("org.apache.commons.lang3.StringUtils.capitalize(\"x\")"));
        String out = stdout(holder, "%maven org.apache.commons:commons-lang3:3.11");
        assertTrue(out.contains("%maven: added 1 jar for org.apache.commons:commons-lang3:3.11"), out);
        assertEquals("Fox", session.run("org.apache.commons.lang3.StringUtils.capitalize(\"fox\")").value());
        var bad = assertThrows(Evaluator.CellFailure.class, () -> session.run("%maven not-a-coordinate"));
        assertTrue(bad.error.evalue().contains("group:artifact:version"), bad.error.evalue());
    }

    @Test
    void unknownMagicSaysWhatToDo() {
        var f = assertThrows(Evaluator.CellFailure.class, () -> session.run("%nosuchmagic"));
        assertTrue(f.error.evalue().contains("%lsmagic"), f.error.evalue());
    }

    @Test
    void javaBetweenMagicsRunsInOrder() throws Exception {
        var holder = new Session.Outcome[1];
        String out = stdout(holder, "System.out.println(\"a\");\n%lsmagic\nSystem.out.println(\"b\");\n1 + 2");
        assertTrue(out.indexOf("a") < out.indexOf("Line magics") && out.indexOf("Line magics") < out.lastIndexOf("b"), out);
        assertEquals(3, holder[0].value());
    }

    @Test
    void displayHandleIsNotAlsoTheCellsValue() throws Exception {
        var old = storylab.display.Display.install(new storylab.display.RecordingSink());
        try {
            var outcome = session.run("display(\"shown\")");
            assertFalse(outcome.hasValue(), "display(x) shows x once; it must not print its id as a result");
        } finally {
            storylab.display.Display.install(old);
        }
    }
}
