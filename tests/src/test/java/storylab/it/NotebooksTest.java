package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook of the course runs top to bottom headless at the test scale (STORYLAB_SCALE=test), in
 * file order (later notebooks reuse earlier runs, as in a workshop), into a temporary runs folder, and
 * yields a notebook nbformat accepts that shows what its cells' tags promise ({@link NotebookOutputs}): no
 * error output, the figures and tables, the findings computed from the run, and every exercise's collapsed
 * solution run with its check passed.
 */
class NotebooksTest {

    @TempDir
    static Path runs;

    static Stream<String> notebooks() throws Exception {
        try (var files = Files.list(Repo.root().resolve("notebooks"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void runsHeadlessAtTestScale(String notebook) throws Exception {
        Path out = runs.resolve("out").resolve(notebook.replace(".ipynb", "")).resolve(notebook);
        var r = Repo.run(List.of(Repo.root().resolve("storylab").toString(), "run", "notebooks/" + notebook, "-o", out.toString()),
                Repo.root(), Map.of("STORYLAB_SCALE", "test", "STORYLAB_RUNS", runs.toString(),
                        // the offline teacher's judge, trained once by the library's tests, is reused rather than retrained per notebook
                        "STORYLAB_JUDGES", Repo.root().resolve("runs").resolve("judge").toString()), 900);
        System.out.println(r.output());
        assertEquals(0, r.code(), notebook + " failed:\n" + r.output());
        var problems = NotebookOutputs.problems(out);
        assertTrue(problems.isEmpty(), notebook + ":\n  " + String.join("\n  ", problems));
        Repo.assumePythonModules("nbformat");
        var v = Repo.run(List.of(Repo.PYTHON, "-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))",
                out.toString()), Repo.root(), Map.of(), 120);
        assertEquals(0, v.code(), v.output());
    }
}
