package storylab.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the "StoryLab (Java)" kernelspec where Jupyter looks for kernels: the user's data folder, or
 * {@code PREFIX/share/jupyter/kernels}. The spec starts the {@code storylab} launcher, which reads JVM
 * options from {@code STORYLAB_JVM_OPTS}.
 */
final class KernelspecInstaller {

    static final String NAME = "storylab";
    static final String DISPLAY_NAME = "StoryLab (Java)";

    private KernelspecInstaller() {}

    /** Installs into {@code kernelsDir/storylab} and returns that folder. */
    static Path install(Path kernelsDir, Path launcher) throws IOException {
        Path dir = kernelsDir.resolve(NAME);
        Files.createDirectories(dir);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("argv", List.of(launcher.toAbsolutePath().toString(), "kernel", "{connection_file}"));
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of("STORYLAB_KERNEL_NAME", NAME)); // names the history file
        spec.put("metadata", Map.of("debugger", false));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("kernel.json").toFile(), spec);
        for (int size : new int[] {32, 64}) ImageIO.write(logo(size), "png", dir.resolve("logo-" + size + "x" + size + ".png").toFile());
        return dir;
    }

    /** Where {@code jupyter kernelspec list} looks for a user's kernels on this OS. */
    static Path userKernelsDir() {
        return jupyterDataDir().resolve("kernels");
    }

    /** Jupyter's data folder for this user ({@code jupyter --data-dir}). */
    static Path jupyterDataDir() {
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) return Path.of(dataDir);
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name").toLowerCase();
        if (os.contains("mac")) return Path.of(home, "Library", "Jupyter");
        if (os.contains("win")) return Path.of(System.getenv().getOrDefault("APPDATA", home), "jupyter");
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("jupyter");
    }

    static Path prefixKernelsDir(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }

    /** An open book with a spark: drawn, not shipped, so the repository holds no binary art. */
    static BufferedImage logo(int size) {
        var img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x2b, 0x4c, 0x7e));
        g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
        g.setColor(new Color(0xf5, 0xb7, 0x00));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (size * 0.62)));
        var fm = g.getFontMetrics();
        String s = "S";
        g.drawString(s, (size - fm.stringWidth(s)) / 2, (size - fm.getHeight()) / 2 + fm.getAscent());
        g.dispose();
        return img;
    }
}
