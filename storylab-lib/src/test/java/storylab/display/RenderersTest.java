package storylab.display;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    record Score(String criterion, int value) {}

    @Test
    void everyBundleHasPlainText() {
        assertThrows(IllegalArgumentException.class, () -> new MimeBundle(java.util.Map.of(MimeBundle.HTML, "<b>x</b>")));
        assertEquals("null", Renderers.render(null).plain());
        assertEquals("42", Renderers.render(42).plain());
    }

    @Test
    void tableBecomesEscapedHtmlWithHeadAndTailOfLongTables() {
        var t = Table.create("t", StringColumn.create("s", "<script>", "b"), IntColumn.create("n", 1, 2));
        var b = Renderers.render(t);
        assertTrue(b.get(MimeBundle.HTML).contains("&lt;script&gt;"));
        assertFalse(b.get(MimeBundle.HTML).contains("<script>"));
        var big = Table.create("big", IntColumn.create("i", java.util.stream.IntStream.range(0, 100).toArray()));
        String html = Renderers.render(big).get(MimeBundle.HTML);
        assertTrue(html.contains("80 more rows"), html);
        assertTrue(html.contains("<td>99</td>"), "the tail is shown");
        assertTrue(html.contains("100 rows × 1 columns"));
    }

    @Test
    void chartBecomesAPng() {
        var chart = new XYChartBuilder().width(200).height(100).title("loss").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        var b = Renderers.render(chart);
        byte[] png = Base64.getDecoder().decode(b.get(MimeBundle.PNG));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(b.plain().contains("loss"));
        assertFalse(b.has(MimeBundle.SVG));
    }

    @Test
    void recordBecomesAMarkdownTableAndJson() {
        var b = Renderers.render(new Score("creativity", 2));
        assertTrue(b.get(MimeBundle.MARKDOWN).contains("| criterion | creativity |"), b.get(MimeBundle.MARKDOWN));
        assertEquals("{\"criterion\":\"creativity\",\"value\":2}", b.get(MimeBundle.JSON));
    }

    @Test
    void registeredRendererWinsOverBuiltIns() {
        Renderers.register(Score.class, s -> MimeBundle.text("score " + s.value()));
        assertEquals("score 3", Renderers.render(new Score("x", 3)).plain());
    }

    @Test
    void progressShowsBarEtaAndHtml() {
        var p = new Progress("pretrain", 250, 1000, "words", Duration.ofSeconds(10), "loss 3.20");
        assertEquals(0.25, p.fraction());
        assertEquals(Duration.ofSeconds(30), p.eta());
        assertEquals("pretrain [###.......]  25%  250/1,000 words  0:30 left  loss 3.20", p.bar(10));
        assertTrue(p.toMimeBundle().get(MimeBundle.HTML).contains("<progress value=\"25\""));
    }

    @Test
    void liveDisplayRefreshesAtABoundedRateAndAlwaysShowsTheEnd() {
        var sink = new RecordingSink();
        var old = Display.install(sink);
        try {
            var live = Display.live(60_000);
            assertTrue(live.offer(() -> "first"));
            for (int i = 0; i < 100; i++) assertFalse(live.offer(() -> "too soon"));
            live.finish("last");
            assertEquals(2, sink.events().size());
            assertEquals("last", sink.current().get(live.id()).plain());
        } finally {
            Display.install(old);
        }
    }
}
