package storylab.teacher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shared Grimm corpus, found by walking up from the working directory, cut into tales and passages. */
final class Grimm {

    static final String FILE = "grimms_fairy_tales_pg2591.txt";
    private static final Pattern TITLE = Pattern.compile("^[A-Z][A-Z ,'.\\-]+[A-Z]$");

    private Grimm() {}

    /** The corpora folder: a {@code shared/corpora} sibling of the repository or of any parent. */
    static Optional<Path> corpora() {
        return storylab.Shared.find("corpora").filter(c -> Files.isRegularFile(c.resolve(FILE)));
    }

    /** The tales' texts (title lines dropped, paragraphs joined by a space), in book order. */
    static List<String> tales(Path corpora) throws IOException {
        String all = Files.readString(corpora.resolve(FILE), StandardCharsets.UTF_8).replace("\uFEFF", "");
        var tales = new ArrayList<String>();
        StringBuilder cur = null;
        for (String line : all.split("\r?\n")) {
            String l = line.strip();
            if (l.startsWith("*****")) break;
            if (TITLE.matcher(l).matches()) {
                if (cur != null && cur.length() > 0) tales.add(cur.toString().strip());
                cur = new StringBuilder();
            } else if (cur != null && !l.isEmpty()) cur.append(l).append(' ');
        }
        if (cur != null && cur.length() > 0) tales.add(cur.toString().strip());
        return tales;
    }

    /** Story-sized passages of a tale (see {@link Passages}). */
    static List<String> passages(String tale) {
        return Passages.of(tale);
    }
}
