package storylab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code ../shared} folder of test data and anchors, found by walking up from the working folder (tests
 * run in storylab-lib/, benchmarks wherever they are started), never by a machine's absolute path.
 */
public final class Shared {

    private Shared() {}

    /** {@code shared/<relative>} beside the repository or any folder above, if it exists. */
    public static Optional<Path> find(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Like {@link #find}, for tools that cannot run without it: a clear error naming what is missing. */
    public static Path require(String relative) {
        return find(relative).orElseThrow(() -> new IllegalStateException(
                "cannot find shared/" + relative + " above " + Path.of("").toAbsolutePath() + "; run from inside the StoryLab checkout"));
    }
}
