package storylab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits the lines of a book into titled chapters, without its Project Gutenberg header and footer. */
final class Book {

    record Chapter(String title, String text) {}

    private Book() {}

    /** Blank lines that separate pieces in books whose titles are not in capitals (Aesop: four). */
    static final int PIECE_GAP = 3;
    /** Fallback pieces shorter than this are front matter or notes, not chapters. */
    static final int MIN_WORDS = 10;

    static List<Chapter> chapters(List<String> lines) {
        lines = withoutGutenbergFrame(lines);
        // whichever reading finds more chapters is the book's real structure
        List<Chapter> byTitles = byCapitalTitles(lines), byGaps = byBlankGaps(lines);
        return byGaps.size() > byTitles.size() ? byGaps : byTitles;
    }

    /** ALL-CAPS title lines after a blank line open chapters (Grimm). */
    private static List<Chapter> byCapitalTitles(List<String> lines) {
        List<Chapter> chapters = new ArrayList<>();
        String title = null;
        var body = new StringBuilder();
        boolean previousBlank = true; // the first line counts as following a blank
        for (String line : lines) {
            if (previousBlank && isTitle(line)) {
                add(chapters, title, body);
                title = line.strip();
                body.setLength(0);
            } else if (title != null || !line.isBlank()) {
                if (title == null) title = "";
                if (body.length() > 0 || !line.isBlank()) body.append(line).append('\n');
            }
            previousBlank = line.isBlank();
        }
        add(chapters, title, body);
        return chapters;
    }

    /**
     * Runs of {@value #PIECE_GAP} or more blank lines separate pieces whose first line is the title (Aesop).
     * Hard-wrapped lines are joined into paragraphs.
     */
    private static List<Chapter> byBlankGaps(List<String> lines) {
        List<Chapter> chapters = new ArrayList<>();
        List<String> piece = new ArrayList<>();
        int blanks = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                blanks++;
                if (blanks == PIECE_GAP) { addPiece(chapters, piece); piece.clear(); }
                continue;
            }
            if (blanks > 0 && blanks < PIECE_GAP && !piece.isEmpty()) piece.add("");
            blanks = 0;
            piece.add(line.strip());
        }
        addPiece(chapters, piece);
        return chapters;
    }

    private static void addPiece(List<Chapter> chapters, List<String> piece) {
        if (piece.size() < 2) return;
        var body = new StringBuilder();
        for (String l : piece.subList(1, piece.size())) {
            if (l.isEmpty()) body.append("\n");
            else if (body.length() > 0 && body.charAt(body.length() - 1) != '\n') body.append(' ').append(l);
            else body.append(l);
        }
        String text = body.toString().replaceAll("\n{2,}", "\n").strip();
        if (Words.count(text) >= MIN_WORDS) chapters.add(new Chapter(piece.get(0), text));
    }

    private static void add(List<Chapter> chapters, String title, StringBuilder body) {
        String text = body.toString().strip();
        if (title != null && !text.isEmpty()) chapters.add(new Chapter(title, text));
    }

    /** ALL CAPS (at least two letters, no lower case), short, not a row of asterisks. */
    static boolean isTitle(String line) {
        String s = line.strip();
        if (s.length() < 2 || s.length() > 100) return false;
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) return false;
            if (Character.isLetter(c)) letters++;
        }
        return letters >= 2;
    }

    /** Drops everything up to a "*** START OF" line and from an "*** END OF"/"End of the Project Gutenberg" line or a trailing source note. */
    static List<String> withoutGutenbergFrame(List<String> lines) {
        int start = 0, end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip().toLowerCase(Locale.ROOT);
            if (l.startsWith("*** start of") || l.startsWith("***start of")) start = i + 1;
            if (i >= start && end == lines.size()
                    && (l.startsWith("*** end of") || l.startsWith("***end of") || l.startsWith("end of the project gutenberg") || l.startsWith("end of project gutenberg")))
                end = i;
        }
        // a closing row of asterisks followed by a note that names Gutenberg (a reformatted copy's source line)
        for (int i = end - 1; i >= start && i >= end - 10; i--) {
            if (lines.get(i).strip().matches("\\*{3,}")) {
                for (int j = i + 1; j < end; j++)
                    if (lines.get(j).toLowerCase(Locale.ROOT).contains("gutenberg")) { end = i; break; }
                break;
            }
        }
        return lines.subList(start, Math.max(start, end));
    }
}
