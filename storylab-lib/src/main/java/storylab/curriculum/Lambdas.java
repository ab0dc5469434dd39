package storylab.curriculum;

import java.util.ArrayList;
import java.util.List;
import storylab.data.world.Story;

/**
 * The weight λ of each loss component, one per instruction level 0–4: level 0 (no instruction) is paper B's
 * language-model pretraining loss, level 1 its weak instructions, level 4 its strong ones; levels 2 and 3
 * are the intermediate specificities of the ablation. The total loss is Σ λ·(mean loss of that level).
 * Paper B does not publish its λ values, so they are settings; the presets use {@link #PRETRAIN} and
 * {@link #WEAK} for the components that are kept "in the mix" after their own phase.
 */
public record Lambdas(List<Double> perLevel) {

    /** λ1 kept on the pretraining loss in later phases (our default; not published). */
    public static final double PRETRAIN = 0.3;
    /** λ2 kept on the weak loss in the strong phase (our default; not published). */
    public static final double WEAK = 0.5;

    public Lambdas {
        if (perLevel.size() != Story.LEVELS) throw new IllegalArgumentException("need one λ per level 0–4, got " + perLevel);
        for (double l : perLevel) if (!(l >= 0)) throw new IllegalArgumentException("λ must be ≥ 0, got " + perLevel);
        perLevel = List.copyOf(perLevel);
    }

    /** λ1·L_pretrain + λ2·L_weak + λ3·L_strong. */
    public static Lambdas of(double pretrain, double weak, double strong) {
        return new Lambdas(List.of(pretrain, weak, 0.0, 0.0, strong));
    }

    /** Preset of phase 1: (1, 0, 0). */
    public static Lambdas pretrainPreset() { return of(1, 0, 0); }
    /** Preset of phase 2: (λ1, 1, 0). */
    public static Lambdas weakPreset() { return of(PRETRAIN, 1, 0); }
    /** Preset of phase 3: (λ1, λ2, 1). */
    public static Lambdas strongPreset() { return of(PRETRAIN, WEAK, 1); }

    public double at(int level) {
        return perLevel.get(level);
    }

    /** A copy with λ of one level replaced. */
    public Lambdas with(int level, double lambda) {
        var copy = new ArrayList<>(perLevel);
        copy.set(level, lambda);
        return new Lambdas(copy);
    }

    /** The levels whose λ is nonzero: only those get examples in a batch. */
    public List<Integer> active() {
        var out = new ArrayList<Integer>();
        for (int l = 0; l < perLevel.size(); l++) if (perLevel.get(l) > 0) out.add(l);
        return out;
    }

    /** The component's name in tables: pretrain, weak, level-2, level-3, strong. */
    public static String component(int level) {
        return switch (level) {
            case 0 -> "pretrain";
            case 1 -> "weak";
            case 4 -> "strong";
            default -> "level-" + level;
        };
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("(");
        for (int l : active()) sb.append(sb.length() > 1 ? ", " : "").append(component(l)).append(' ').append(perLevel.get(l));
        return sb.append(')').toString();
    }
}
