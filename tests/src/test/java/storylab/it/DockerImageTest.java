package storylab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Docker engine runs on our build machines, so we test what the image is made of: every file the
 * Dockerfile copies exists, and the install script it runs works when run directly on this Debian machine.
 */
class DockerImageTest {

    @Test
    void everyFileTheDockerfileCopiesExists() throws Exception {
        Path root = Repo.root();
        var missing = new ArrayList<String>();
        int copies = 0;
        for (String line : Files.readAllLines(root.resolve("docker").resolve("Dockerfile"))) {
            String s = line.strip();
            if (!s.startsWith("COPY ") || s.contains("--from=")) continue;   // --from copies from a build stage
            var parts = new ArrayList<>(List.of(s.split("\\s+")));
            parts.remove(0);
            parts.removeIf(p -> p.startsWith("--"));
            for (String src : parts.subList(0, parts.size() - 1)) {
                copies++;
                if (!Files.exists(root.resolve(src))) missing.add(src);
            }
        }
        assertTrue(copies >= 8, "the Dockerfile copies the sources, notebooks and datasets");
        assertEquals(List.of(), missing, "files the Dockerfile copies but the repository lacks");
        String compose = Files.readString(root.resolve("docker").resolve("compose.yaml"));
        assertTrue(compose.contains("dockerfile: docker/Dockerfile") && compose.contains("8888:8888"), compose);
    }

    @Test
    void installScriptWorksDirectlyOnDebian(@TempDir Path prefix) throws Exception {
        var r = Repo.run(List.of(Repo.root().resolve("docker").resolve("install-storylab.sh").toString(), "--prefix", prefix.toString()),
                Repo.root(), Map.of(), 1200);
        assertEquals(0, r.code(), r.output());
        Path spec = prefix.resolve("share/jupyter/kernels/storylab/kernel.json");
        assertTrue(Files.isRegularFile(spec), r.output());
        assertTrue(Files.readString(spec).contains("\"interrupt_mode\" : \"message\""));
        assertTrue(Files.isRegularFile(prefix.resolve("share/jupyter/kernels/storylab/logo-64x64.png")));
    }
}
