package storylab.display;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The registry from a Java type to its MIME bundle. Rendering is plain data transformation, so it lives in
 * the library (not the kernel): the kernel, the headless runner and tests all render the same way.
 * Any library can teach it new types with {@link #register}.
 */
public final class Renderers {

    private static final Map<Class<?>, Function<Object, MimeBundle>> RENDERERS = new LinkedHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static volatile boolean svgCharts;

    static {
        register(MimeBundle.class, b -> b);
        register(Displayable.class, Displayable::toMimeBundle);
        register(Chart.class, Renderers::chart);
        register(Table.class, t -> TableHtml.bundle(t, 20));
        register(BufferedImage.class, img -> MimeBundle.text("image " + img.getWidth() + "x" + img.getHeight())
                .with(MimeBundle.PNG, base64(pngOf(img))));
    }

    private Renderers() {}

    /** Teaches the registry how to show {@code type} (and its subtypes); later registrations win. */
    @SuppressWarnings("unchecked")
    public static synchronized <T> void register(Class<T> type, Function<? super T, MimeBundle> renderer) {
        RENDERERS.remove(type);
        RENDERERS.put(type, o -> renderer.apply((T) o));
    }

    /** Also attach {@code image/svg+xml} to charts (off by default: SVGs of long curves are large). */
    public static void svgCharts(boolean on) {
        svgCharts = on;
    }

    public static MimeBundle render(Object obj) {
        if (obj == null) return MimeBundle.text("null");
        Function<Object, MimeBundle> best = null;
        synchronized (Renderers.class) {
            // The most recently registered matching type wins, so users can override the built-ins.
            for (var e : RENDERERS.entrySet()) if (e.getKey().isInstance(obj)) best = e.getValue();
        }
        if (best != null) return best.apply(obj);
        if (obj instanceof Record r) return record(r);
        if (obj.getClass().isArray()) return MimeBundle.text(Arrays.deepToString(new Object[] {obj}).replaceAll("^\\[|]$", ""));
        return MimeBundle.text(String.valueOf(obj));
    }

    /** PNG bytes of a chart, as saved to files by the headless runner and experiments. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String svg(Chart<?, ?> chart) {
        try {
            var out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static MimeBundle chart(Object obj) {
        var chart = (Chart<?, ?>) obj;
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle();
        var bundle = MimeBundle.text(chart.getClass().getSimpleName() + " \"" + title + "\" " + chart.getWidth() + "x" + chart.getHeight())
                .with(MimeBundle.PNG, base64(png(chart)));
        return svgCharts ? bundle.with(MimeBundle.SVG, svg(chart)) : bundle;
    }

    /** PNG bytes of an image (dashboards compose several charts into one). */
    public static byte[] pngOf(BufferedImage img) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record shows as a two-column Markdown table of its components, plus JSON for machines. */
    private static MimeBundle record(Record r) {
        var md = new StringBuilder("| " + r.getClass().getSimpleName() + " | |\n|---|---|\n");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                c.getAccessor().setAccessible(true);
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                v = "?";
            }
            md.append("| ").append(c.getName()).append(" | ").append(String.valueOf(v).replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        var bundle = MimeBundle.text(r.toString()).with(MimeBundle.MARKDOWN, md.toString());
        try {
            return bundle.with(MimeBundle.JSON, JSON.writeValueAsString(r));
        } catch (IOException | RuntimeException e) {
            return bundle; // not every record is JSON-friendly; Markdown and text still show it
        }
    }
}
