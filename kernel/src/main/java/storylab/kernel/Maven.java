package storylab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.w3c.dom.Element;

/**
 * {@code %maven}: Maven's own resolver, in the kernel's JVM (no Maven install needed). It reads the user's
 * {@code ~/.m2/settings.xml} for the local repository, offline mode, mirrors and proxies, resolves the
 * coordinates with their runtime dependencies, and reports jars the kernel already has in another version.
 * Resolution runs on its own thread, so an interrupt or the time limit ends the cell at once.
 */
final class Maven {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    static final Duration LIMIT = Duration.ofMinutes(10);

    record Mirror(String id, String url, String mirrorOf) {}

    record Proxy(String protocol, String host, int port, String username, String password, String nonProxyHosts) {}

    /** What of settings.xml %maven honours. Encrypted passwords and servers' credentials are not read. */
    record Settings(Path localRepository, boolean offline, List<Mirror> mirrors, List<Proxy> proxies) {

        static Settings user() {
            Path home = Path.of(System.getProperty("user.home"), ".m2");
            return read(home.resolve("settings.xml"), home.resolve("repository"));
        }

        /** Reads {@code file}; a missing file means Maven's defaults. */
        static Settings read(Path file, Path defaultLocal) {
            if (!Files.isRegularFile(file)) return new Settings(defaultLocal, false, List.of(), List.of());
            try {
                var doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                String local = text(doc, "localRepository");
                var mirrors = new ArrayList<Mirror>();
                for (var m : children(doc, "mirrors", "mirror")) mirrors.add(new Mirror(text(m, "id"), text(m, "url"), text(m, "mirrorOf")));
                var proxies = new ArrayList<Proxy>();
                for (var p : children(doc, "proxies", "proxy")) {
                    if ("false".equals(text(p, "active"))) continue;
                    String port = text(p, "port");
                    proxies.add(new Proxy(text(p, "protocol") == null ? "http" : text(p, "protocol"), text(p, "host"),
                            port == null ? 8080 : Integer.parseInt(port.strip()), text(p, "username"), text(p, "password"), text(p, "nonProxyHosts")));
                }
                return new Settings(local == null ? defaultLocal : Path.of(local.replace("${user.home}", System.getProperty("user.home"))),
                        "true".equals(text(doc, "offline")), mirrors, proxies);
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        private static String text(Element parent, String tag) {
            for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling())
                if (n instanceof Element e && e.getTagName().equals(tag)) return e.getTextContent().strip();
            return null;
        }

        private static List<Element> children(Element parent, String list, String tag) {
            var out = new ArrayList<Element>();
            for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling())
                if (n instanceof Element l && l.getTagName().equals(list))
                    for (var c = l.getFirstChild(); c != null; c = c.getNextSibling())
                        if (c instanceof Element e && e.getTagName().equals(tag)) out.add(e);
            return out;
        }
    }

    /** A jar the kernel already has in another version: the kernel's copy is the one classes load from. */
    record Conflict(String artifact, String requested, String kernels) {
        @Override
        public String toString() {
            return artifact + " " + requested + " (the kernel has " + kernels + ", which wins)";
        }
    }

    /** The jars to add, and what was left out because the kernel has it. */
    record Resolution(List<Path> jars, List<String> alreadyThere, List<Conflict> conflicts) {}

    private Maven() {}

    /**
     * Resolves {@code coordinates} (group:artifact[:extension[:classifier]]:version) and their runtime
     * dependencies. Throws a cell failure with the resolver's reason, or when interrupted or past {@link #LIMIT}.
     */
    static Resolution resolve(List<String> coordinates, Settings settings, List<String> kernelClasspath) throws Evaluator.CellFailure {
        var artifacts = new ArrayList<Artifact>();
        for (String c : coordinates) {
            try {
                artifacts.add(new DefaultArtifact(c));
            } catch (IllegalArgumentException e) {
                throw Magics.failure("MavenError", "%maven: \"" + c + "\" is not group:artifact:version (or group:artifact:extension:classifier:version)");
            }
        }
        var pool = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "storylab-maven");
            t.setDaemon(true);
            return t;
        });
        var job = pool.submit(() -> resolveNow(artifacts, settings));
        try {
            var results = job.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return sort(results, kernelClasspath);
        } catch (InterruptedException e) {
            job.cancel(true);
            throw new Evaluator.CellFailure(CellError.of("Interrupted", "%maven was interrupted", "Interrupted: %maven stopped; nothing was added to the class path."));
        } catch (TimeoutException e) {
            job.cancel(true);
            throw Magics.failure("MavenError", "%maven gave up after " + LIMIT.toMinutes() + " minutes resolving " + coordinates + "; nothing was added");
        } catch (ExecutionException e) {
            throw Magics.failure("MavenError", explain(coordinates, e.getCause(), settings));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ArtifactResult> resolveNow(List<Artifact> artifacts, Settings settings) throws Exception {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            var mirrors = new DefaultMirrorSelector();
            for (var m : settings.mirrors()) mirrors.add(m.id(), m.url(), "default", false, false, m.mirrorOf(), "*");
            var proxies = new DefaultProxySelector();
            for (var p : settings.proxies()) {
                var auth = p.username() == null ? null : new AuthenticationBuilder().addUsername(p.username()).addPassword(p.password()).build();
                proxies.add(new org.eclipse.aether.repository.Proxy(p.protocol(), p.host(), p.port(), auth), p.nonProxyHosts());
            }
            var builder = new SessionBuilderSupplier(system).get()
                    .withLocalRepositoryBaseDirectories(settings.localRepository())
                    .setOffline(settings.offline())
                    .setMirrorSelector(mirrors)
                    .setProxySelector(proxies)
                    .setSystemProperties(System.getProperties())
                    .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, 20_000)
                    .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, 60_000);
            try (var session = builder.build()) {
                var central = new RemoteRepository.Builder("central", "default", CENTRAL).build();
                var collect = new CollectRequest();
                for (var a : artifacts) collect.addDependency(new Dependency(a, JavaScopes.RUNTIME));
                collect.setRepositories(system.newResolutionRepositories(session, List.of(central)));
                var request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
                return system.resolveDependencies(session, request).getArtifactResults();
            }
        } finally {
            system.shutdown();
        }
    }

    /** Splits the resolved jars into new ones, ones the kernel has, and other versions of the kernel's. */
    static Resolution sort(List<ArtifactResult> results, List<String> kernelClasspath) {
        var jars = new ArrayList<Path>();
        var there = new ArrayList<String>();
        var conflicts = new ArrayList<Conflict>();
        for (var r : results) {
            var a = r.getArtifact();
            String kernels = kernelVersion(a, kernelClasspath);
            if (kernels == null) jars.add(a.getPath());
            else if (kernels.equals(a.getBaseVersion())) there.add(a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getBaseVersion());
            else conflicts.add(new Conflict(a.getGroupId() + ":" + a.getArtifactId(), a.getBaseVersion(), kernels));
        }
        return new Resolution(jars, there, conflicts);
    }

    /** The version of {@code a} on the kernel's class path (a Maven repository layout), or null. */
    private static String kernelVersion(Artifact a, List<String> kernelClasspath) {
        for (String entry : kernelClasspath) {
            Path jar = Path.of(entry);
            Path versionDir = jar.getParent();
            if (versionDir == null || versionDir.getParent() == null) continue;
            Path artifactDir = versionDir.getParent();
            if (!artifactDir.getFileName().toString().equals(a.getArtifactId())) continue;
            if (artifactDir.getParent() == null || !artifactDir.getParent().endsWith(Path.of(a.getGroupId().replace('.', '/')))) continue;
            return versionDir.getFileName().toString();
        }
        return null;
    }

    private static String explain(List<String> coordinates, Throwable e, Settings settings) {
        var reasons = new ArrayList<String>();
        for (Throwable t = e; t != null && reasons.size() < 4; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && reasons.stream().noneMatch(r -> r.contains(m))) reasons.add(m);
        }
        String why = String.join("\n  ", reasons);
        String hint = settings.offline()
                ? "settings.xml says offline: only artifacts already in " + settings.localRepository() + " resolve."
                : "Without network, only artifacts already in " + settings.localRepository()
                        + " resolve (and <offline>true</offline> in ~/.m2/settings.xml skips the network).";
        return "%maven could not resolve " + String.join(", ", coordinates) + ":\n  " + why + "\n" + hint;
    }
}
