package storylab.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void expressionValueReachesTheKernelAsTheObjectItself() throws Exception {
        assertEquals("STORY", evaluator.eval("\"story\".toUpperCase()"));
        assertEquals(42, evaluator.eval("6 * 7"));
        Object table = evaluator.eval("Table.create(\"t\", IntColumn.create(\"n\", 1, 2))");
        assertEquals("tech.tablesaw.api.Table", table.getClass().getName());
    }

    @Test
    void lastSnippetDecidesTheCellValue() throws Exception {
        assertEquals(5, evaluator.eval("int a = 2;\nint b = 3;\na + b"));
        assertSame(Evaluator.NO_VALUE, evaluator.eval("int c = 1;"));
        assertSame(Evaluator.NO_VALUE, evaluator.eval("System.out.print(\"\")"));
        assertSame(Evaluator.NO_VALUE, evaluator.eval("System.out.printf(\"%d words%n\", 3)"), "printf's stream is not the cell's value");
        assertSame(Evaluator.NO_VALUE, evaluator.eval("System.err.format(\"\")"));
        var other = evaluator.eval("new java.io.PrintStream(new java.io.ByteArrayOutputStream())");
        assertTrue(other instanceof PrintStream, "any other stream is still a value: " + other);
    }

    @Test
    void userCodePrintsThroughSystemOut() throws Exception {
        var old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            evaluator.eval("System.out.println(\"hello\");");
        } finally {
            System.setOut(old);
        }
        assertEquals("hello", buf.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void compileErrorShowsTheLineACaretAndTheMessage() {
        var f = assertThrows(Evaluator.CellFailure.class, () -> evaluator.eval("int ok = 1;\nint x = \"a\";"));
        String text = f.error.text();
        assertTrue(text.contains("Compile error in line 2"), text);
        assertTrue(text.contains("    int x = \"a\";\n            ^"), text);
        assertTrue(text.contains("incompatible types"), text);
    }

    @Test
    void runtimeErrorTraceIsCutToTheUsersCode() {
        var f = assertThrows(Evaluator.CellFailure.class,
                () -> evaluator.eval("void fail() { throw new IllegalStateException(\"boom\"); }\nfail();"));
        assertEquals("java.lang.IllegalStateException", f.error.ename());
        assertEquals("boom", f.error.evalue());
        String text = f.error.text();
        assertTrue(text.startsWith("java.lang.IllegalStateException: boom"), text);
        assertTrue(text.contains("at fail (this cell, line 1)"), text);
        assertTrue(text.contains("at cell (this cell, line 2)"), text);
        assertFalse(text.contains("jdk.jshell"), text);
        assertFalse(text.contains("reflect"), text);
        assertFalse(text.contains("CapturingExecutionControl"), text);
    }

    @Test
    void isCompleteKnowsCompleteIncompleteAndInvalid() {
        assertEquals("complete", evaluator.isComplete("int x = 3;").status());
        assertEquals("complete", evaluator.isComplete("1 + 1").status());
        assertEquals("complete", evaluator.isComplete("undeclaredYet(3)").status(), "a later cell may declare it");
        assertEquals("incomplete", evaluator.isComplete("for (int i = 0; i < 3; i++) {").status());
        assertEquals("invalid", evaluator.isComplete("int x = ;").status());
        assertEquals("invalid", evaluator.isComplete("}").status());
        assertEquals("invalid", evaluator.isComplete("foo(1))").status());
        assertEquals("complete", evaluator.isComplete("String s = \")\";").status());
    }

    @Test
    void codeThatCanNeverParseIsInvalidEvenWhenItLooksFinished() {
        for (String bad : new String[] {"int 3x = 5;", "1 +* 2", "x y z", "int x = 3 3;", "int a = 1;\nx ==== y"})
            assertEquals("invalid", evaluator.isComplete(bad).status(), bad);
    }

    @Test
    void incompleteCodeGetsTheIndentOfItsNextLine() {
        assertEquals("    ", evaluator.isComplete("for (int i = 0; i < 3; i++) {").indent());
        assertEquals("    ", evaluator.isComplete("if (true) {\n    int y = 1;").indent());
        assertEquals("        ", evaluator.isComplete("void f() {\n    if (true) {").indent());
        assertNull(evaluator.isComplete("1 + 1").indent());
    }

    @Test
    void inspectFindsTheNameWithTheCursorAtItsEnd() {
        var doc = evaluator.inspect("Math.max", 8, true);
        assertTrue(doc.isPresent());
        assertTrue(doc.get().contains("int Math.max(int a, int b)"), doc.get());
        assertTrue(evaluator.inspect("Math.max(1, 2)", 6, false).isPresent(), "cursor inside the name");
        assertTrue(evaluator.inspect("noSuchThingAnywhere", 19, false).isEmpty());
    }

    @Test
    void inspectShowsTheJdksJavadocWhenItsSourcesAreInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of(System.getProperty("java.home"), "lib", "src.zip")),
                "the JDK's lib/src.zip is missing (Debian: apt-get install openjdk-17-source)");
        var doc = evaluator.inspect("Math.max", 8, false).orElseThrow();
        assertTrue(doc.contains("Returns the greater of two int values"), doc);
        assertFalse(doc.contains("{@code"), "inline tags are unwrapped: " + doc);
    }

    @Test
    void inspectShowsTheLabsJavadocFromTheShippedSources() {
        var method = evaluator.inspect("Lab.runs", 8, false).orElseThrow();
        assertTrue(method.contains("A run folder"), method);
        var page = evaluator.inspect("Lab", 3, true).orElseThrow();
        assertTrue(page.contains("The lab's front door"), page);
        assertTrue(page.contains("static DisplayHandle display(Object obj)"), page);
        assertTrue(page.contains("Shows an object below the cell"), "one-line summaries of the methods: " + page);
    }

    @Test
    void completionOffersMembers() {
        var c = evaluator.complete("Math.ab", 7);
        assertEquals(5, c.start());
        assertTrue(c.matches().contains("abs("), c.matches().toString());
    }

    @Test
    void defaultImportsCoverTheLab() throws Exception {
        assertNotNull(evaluator.eval("new XYChartBuilder().build()"));
        assertNotNull(evaluator.eval("Shape.class"));
        assertEquals("storylab.display.DisplayHandle", evaluator.eval("DisplayHandle.class").toString().replace("class ", ""));
    }
}
