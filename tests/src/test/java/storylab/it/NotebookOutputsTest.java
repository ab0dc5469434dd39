package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The notebook checks catch each way a run can fall short of what its cells promise. */
class NotebookOutputsTest {

    static final String FIGURE = cell("[\"figure\"]", "{}", "{\"output_type\":\"display_data\",\"data\":{\"text/plain\":\"c\",\"image/png\":\"iVBO\"}}");
    static final String SOLUTION = cell("[\"solution\"]", "{\"source_hidden\":true}", "{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":[\"✓ it holds\\n\"]}");

    static String cell(String tags, String jupyter, String... outputs) {
        return "{\"cell_type\":\"code\",\"execution_count\":1,\"source\":[\"x\"],\"metadata\":{\"tags\":" + tags + ",\"jupyter\":" + jupyter
                + "},\"outputs\":[" + String.join(",", outputs) + "]}";
    }

    static java.util.List<String> problems(String... cells) throws Exception {
        return NotebookOutputs.problems(new ObjectMapper().readTree("{\"cells\":[" + String.join(",", cells) + "]}"));
    }

    @Test
    void aNotebookThatShowsWhatItPromisesPasses() throws Exception {
        assertEquals(java.util.List.of(), problems(FIGURE, SOLUTION));
    }

    @Test
    void eachShortfallIsNamed() throws Exception {
        assertTrue(problems(FIGURE).contains("no exercise: no code cell is tagged solution"));
        assertTrue(problems(SOLUTION).contains("no code cell is tagged figure or table"));
        var noImage = problems(cell("[\"figure\"]", "{}", "{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"hi\"}"), SOLUTION);
        assertTrue(noImage.get(0).contains("tagged figure but shows no image"), noImage.toString());
        var shown = problems(FIGURE, cell("[\"solution\"]", "{}", "{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"✓ ok\"}"));
        assertTrue(shown.get(0).contains("not collapsed"), shown.toString());
        var failed = problems(FIGURE, cell("[\"solution\"]", "{\"source_hidden\":true}",
                "{\"output_type\":\"error\",\"ename\":\"AssertionError\",\"evalue\":\"✗ not yet\",\"traceback\":[]}"));
        assertEquals(2, failed.size(), failed.toString());
        assertTrue(failed.get(0).contains("failed: AssertionError: ✗ not yet"), failed.toString());
        var table = problems(SOLUTION, cell("[\"table\",\"finding\"]", "{}", "{\"output_type\":\"display_data\",\"data\":{\"text/plain\":\"t\",\"text/html\":\"<p>no</p>\"}}"));
        assertEquals(2, table.size(), table.toString());
        var notRun = problems(FIGURE, SOLUTION, "{\"cell_type\":\"code\",\"execution_count\":null,\"source\":\"var y = 2;\",\"metadata\":{},\"outputs\":[]}");
        assertTrue(notRun.get(0).contains("did not run"), notRun.toString());
    }
}
