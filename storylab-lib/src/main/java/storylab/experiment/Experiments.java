package storylab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/** The experiments other packages plug into the reproduction (see {@link Experiment}). */
public final class Experiments {

    /** Paper B's claims, reported "not run" unless a registered experiment checks them. */
    public static final List<Claim> CURRICULUM_CLAIMS = List.of(
            Claim.notRun("B.strong-beats-weak", "Strong instructions beat weak ones, and the gap widens as instructions get more specific",
                    "BLEU-1 0.79 (strong) vs 0.71 (weak); the gap widens with specificity", "no curriculum experiment registered"),
            Claim.notRun("B.weak-to-strong-beats-reverse", "The weak → strong curriculum beats the reverse order (strong → weak)",
                    "asked for as an ablation of the curriculum", "no curriculum experiment registered"));

    /** Paper B's rows filled from the claims registered experiments returned ("not run" where none did), then any others. */
    public static List<Claim> withCurriculum(List<Claim> found) {
        var out = new ArrayList<Claim>();
        for (var c : CURRICULUM_CLAIMS) out.add(found.stream().filter(x -> x.id().equals(c.id())).findFirst().orElse(c));
        found.stream().filter(x -> out.stream().noneMatch(c -> c.id().equals(x.id()))).forEach(out::add);
        return out;
    }

    private static final List<Experiment> REGISTERED = new CopyOnWriteArrayList<>();

    private Experiments() {}

    public static void register(Experiment e) {
        REGISTERED.removeIf(x -> x.name().equals(e.name()));
        REGISTERED.add(e);
    }

    public static void unregister(String name) {
        REGISTERED.removeIf(x -> x.name().equals(name));
    }

    /** Those registered in code, then those found on the class path through {@link ServiceLoader}. */
    public static List<Experiment> all() {
        var list = new ArrayList<>(REGISTERED);
        for (var e : ServiceLoader.load(Experiment.class))
            if (list.stream().noneMatch(x -> x.name().equals(e.name()))) list.add(e);
        return list;
    }
}
