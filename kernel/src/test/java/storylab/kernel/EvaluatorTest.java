package storylab.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
        Object v = evaluator.eval("\"story\".toUpperCase()");
        assertEquals("STORY", v);
        assertEquals(42, evaluator.eval("6 * 7"));
    }

    @Test
    void lastSnippetDecidesTheCellValue() throws Exception {
        assertEquals(5, evaluator.eval("int a = 2;\nint b = 3;\na + b"));
        assertSame(Evaluator.NO_VALUE, evaluator.eval("int c = 1;"));
    }

    @Test
    void userCodePrintsThroughSystemOut() throws Exception {
        var old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            evaluator.eval("System.out.println(\"hello\");");
        } finally {
            System.setOut(old);
        }
        assertEquals("hello", buf.toString().strip());
    }
}
