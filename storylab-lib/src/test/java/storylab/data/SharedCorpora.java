package storylab.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/corpora} beside the repository (tests run in storylab-lib/, so walk up). */
public final class SharedCorpora {

    private SharedCorpora() {}

    /** The file, or null (with a loud message on stderr) when the shared corpora are not there. */
    public static Path file(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("corpora").resolve(name);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        System.err.println("!!! shared corpus " + name + " not found in any ../shared/corpora above " + Path.of("").toAbsolutePath() + " — test skipped");
        return null;
    }
}
