package storylab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * %maven's resolver against repositories made on disk (a file:// mirror stands in for Maven Central), so
 * the tests need no network: offline from the local repository, mirrors, a missing artifact, a dead
 * repository, an interrupt, and versions the kernel already has.
 */
class MavenTest {

    @TempDir
    Path dir;

    /** Puts group:artifact:version (a jar and a POM with the given dependencies) into a repository folder. */
    private static void publish(Path repo, String g, String a, String v, String... deps) throws IOException {
        Path folder = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v);
        Files.createDirectories(folder);
        var d = new StringBuilder();
        for (String dep : deps) {
            String[] p = dep.split(":");
            d.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version></dependency>");
        }
        Files.writeString(folder.resolve(a + "-" + v + ".pom"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                <dependencies>%s</dependencies></project>""".formatted(g, a, v, d));
        Files.write(folder.resolve(a + "-" + v + ".jar"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    private Maven.Settings settings(boolean offline, String mirrorUrl) throws IOException {
        Path file = dir.resolve("settings.xml");
        Files.writeString(file, """
                <settings><localRepository>%s</localRepository><offline>%s</offline>
                <mirrors>%s</mirrors></settings>""".formatted(dir.resolve("local"), offline,
                mirrorUrl == null ? "" : "<mirror><id>test</id><url>" + mirrorUrl + "</url><mirrorOf>*</mirrorOf></mirror>"));
        return Maven.Settings.read(file, dir.resolve("unused"));
    }

    private static List<String> names(List<Path> jars) {
        return jars.stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    @Test
    void settingsXmlGivesTheLocalRepositoryOfflineModeMirrorsAndProxies() throws IOException {
        Path file = dir.resolve("settings.xml");
        Files.writeString(file, """
                <settings><localRepository>/srv/m2</localRepository><offline>true</offline>
                <mirrors><mirror><id>corp</id><url>https://repo.example/maven</url><mirrorOf>central</mirrorOf></mirror></mirrors>
                <proxies><proxy><active>true</active><protocol>https</protocol><host>proxy.example</host><port>3128</port>
                <nonProxyHosts>localhost</nonProxyHosts></proxy><proxy><active>false</active><host>off.example</host></proxy></proxies></settings>""");
        var s = Maven.Settings.read(file, dir);
        assertEquals(Path.of("/srv/m2"), s.localRepository());
        assertTrue(s.offline());
        assertEquals(List.of(new Maven.Mirror("corp", "https://repo.example/maven", "central")), s.mirrors());
        assertEquals(List.of(new Maven.Proxy("https", "proxy.example", 3128, null, null, "localhost")), s.proxies());
        assertEquals(new Maven.Settings(dir, false, List.of(), List.of()), Maven.Settings.read(dir.resolve("absent.xml"), dir));
    }

    @Test
    void offlineResolutionUsesTheLocalRepositoryWithTransitiveDependencies() throws Exception {
        publish(dir.resolve("local"), "demo.app", "story", "1.0", "demo.lib:words:2.0");
        publish(dir.resolve("local"), "demo.lib", "words", "2.0");
        var r = Maven.resolve(List.of("demo.app:story:1.0"), settings(true, null), List.of());
        assertEquals(List.of("story-1.0.jar", "words-2.0.jar"), names(r.jars()));
    }

    @Test
    void aMirrorServesWhatCentralWouldAndFillsTheLocalRepository() throws Exception {
        Path remote = dir.resolve("remote");
        publish(remote, "demo.app", "story", "1.0");
        var r = Maven.resolve(List.of("demo.app:story:1.0"), settings(false, remote.toUri().toString()), List.of());
        assertEquals(List.of("story-1.0.jar"), names(r.jars()));
        assertTrue(r.jars().get(0).startsWith(dir.resolve("local")), r.jars().toString());
    }

    @Test
    void aMissingArtifactIsAClearFailure() throws Exception {
        Files.createDirectories(dir.resolve("remote"));
        var e = assertThrows(Evaluator.CellFailure.class,
                () -> Maven.resolve(List.of("demo.app:nowhere:9.9"), settings(false, dir.resolve("remote").toUri().toString()), List.of()));
        assertTrue(e.error.text().contains("demo.app:nowhere:9.9"), e.error.text());
        assertTrue(e.error.text().contains("could not resolve"), e.error.text());
    }

    @Test
    void badCoordinatesAreExplained() {
        var e = assertThrows(Evaluator.CellFailure.class, () -> Maven.resolve(List.of("just-a-name"), settings(true, null), List.of()));
        assertTrue(e.error.text().contains("group:artifact:version"), e.error.text());
    }

    @Test
    void aRepositoryThatCannotBeReachedIsAClearFailure() throws Exception {
        int closedPort;
        try (var s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var e = assertThrows(Evaluator.CellFailure.class,
                () -> Maven.resolve(List.of("demo.app:story:1.0"), settings(false, "http://127.0.0.1:" + closedPort + "/maven"), List.of()));
        assertTrue(e.error.text().contains("Without network"), e.error.text());
    }

    @Test
    void anInterruptEndsAResolutionStuckOnTheNetwork() throws Exception {
        try (var silent = new ServerSocket(0)) { // accepts connections, never answers
            var settings = settings(false, "http://127.0.0.1:" + silent.getLocalPort() + "/maven");
            var failure = new AtomicReference<Evaluator.CellFailure>();
            var cell = new Thread(() -> {
                try {
                    Maven.resolve(List.of("demo.app:story:1.0"), settings, List.of());
                } catch (Evaluator.CellFailure f) {
                    failure.set(f);
                }
            });
            cell.start();
            Thread.sleep(500);
            cell.interrupt();
            cell.join(30_000);
            assertEquals("Interrupted", failure.get() == null ? "still running" : failure.get().error.ename());
        }
    }

    @Test
    void versionsTheKernelAlreadyHasAreLeftOutAndReported() throws Exception {
        publish(dir.resolve("local"), "demo.app", "story", "1.0", "com.fasterxml.jackson.core:jackson-core:2.17.0", "demo.lib:words:2.0");
        publish(dir.resolve("local"), "com.fasterxml.jackson.core", "jackson-core", "2.17.0");
        publish(dir.resolve("local"), "demo.lib", "words", "2.0");
        var kernel = List.of("/m2/com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar", "/m2/demo/lib/words/2.0/words-2.0.jar");
        var r = Maven.resolve(List.of("demo.app:story:1.0"), settings(true, null), kernel);
        assertEquals(List.of("story-1.0.jar"), names(r.jars()));
        assertEquals(List.of("demo.lib:words:2.0"), r.alreadyThere());
        assertEquals(List.of(new Maven.Conflict("com.fasterxml.jackson.core:jackson-core", "2.17.0", "2.18.2")), r.conflicts());
    }
}
