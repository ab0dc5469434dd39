package storylab.display;

import tech.tablesaw.api.Table;

/** Tablesaw tables as notebook HTML: header with column types, head and tail of long tables, escaped cells. */
final class TableHtml {

    private TableHtml() {}

    static MimeBundle bundle(Table table, int maxRows) {
        return MimeBundle.text(table.print(maxRows)).with(MimeBundle.HTML, html(table, maxRows));
    }

    static String html(Table t, int maxRows) {
        var sb = new StringBuilder("<div class=\"storylab-table\"><table class=\"dataframe\">");
        if (t.name() != null && !t.name().isBlank()) sb.append("<caption>").append(Html.escape(t.name())).append("</caption>");
        sb.append("<thead><tr>");
        for (var c : t.columns())
            sb.append("<th title=\"").append(c.type().name()).append("\">").append(Html.escape(c.name())).append("</th>");
        sb.append("</tr></thead><tbody>");
        int n = t.rowCount();
        boolean cut = n > maxRows;
        int head = cut ? maxRows / 2 : n;
        for (int r = 0; r < head; r++) row(sb, t, r);
        if (cut) {
            sb.append("<tr><td colspan=\"").append(t.columnCount()).append("\">… ").append(n - maxRows).append(" more rows …</td></tr>");
            for (int r = n - (maxRows - head); r < n; r++) row(sb, t, r);
        }
        return sb.append("</tbody></table><p>").append(n).append(" rows × ").append(t.columnCount()).append(" columns</p></div>").toString();
    }

    private static void row(StringBuilder sb, Table t, int r) {
        sb.append("<tr>");
        for (var c : t.columns()) sb.append("<td>").append(Html.escape(c.getString(r))).append("</td>");
        sb.append("</tr>");
    }

}
