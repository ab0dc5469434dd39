package storylab.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/corpora} beside the repository (tests run in storylab-lib/, so walk up). */
public final class SharedCorpora {

    private SharedCorpora() {}

    /** The file, or null (with a loud message on stderr) when the shared corpora are not there. */
    public static Path file(String name) {
        var found = storylab.Shared.find("corpora/" + name).filter(Files::isRegularFile);
        if (found.isPresent()) return found.get();
        System.err.println("!!! shared corpus " + name + " not found in any ../shared/corpora above " + Path.of("").toAbsolutePath() + " — test skipped");
        return null;
    }
}
