package storylab.curriculum;

/**
 * One phase of the curriculum: a λ mix and how long it trains, in optimizer steps or in words of story
 * text (pretraining is budgeted in words, as elsewhere in the lab). Exactly one of the two budgets is set.
 */
public record Phase(String name, Lambdas lambdas, long steps, long words) {

    public Phase {
        if ((steps > 0) == (words > 0)) throw new IllegalArgumentException("a phase needs a step budget or a word budget, not both or none");
        if (lambdas.active().isEmpty()) throw new IllegalArgumentException("phase " + name + " has every λ at 0");
    }

    /** Phase 1: the decoder learns stories with an empty instruction, λ = (1, 0, 0), for this many story words. */
    public static Phase pretrain(long words) {
        return new Phase("pretrain", Lambdas.pretrainPreset(), 0, words);
    }

    /** Phase 2: weak instructions ("a story about a dragon"), λ = (λ1, 1, 0). */
    public static Phase weak(long steps) {
        return new Phase("weak", Lambdas.weakPreset(), steps, 0);
    }

    /** Phase 3: strong instructions (the whole plan), λ = (λ1, λ2, 1). */
    public static Phase strong(long steps) {
        return new Phase("strong", Lambdas.strongPreset(), steps, 0);
    }

    /** Instructions of one specificity level 0–4 (λ 1), with λ1 on the pretraining loss. */
    public static Phase level(int level, long steps) {
        var l = Lambdas.of(Lambdas.PRETRAIN, 0, 0).with(level, 1);
        return new Phase(Lambdas.component(level), l, steps, 0);
    }

    /** The same phase with λ1·L_pretrain + λ2·L_weak + λ3·L_strong. */
    public Phase lambdas(double pretrain, double weak, double strong) {
        return withLambdas(Lambdas.of(pretrain, weak, strong));
    }

    public Phase withLambdas(Lambdas l) { return new Phase(name, l, steps, words); }
    public Phase withName(String n) { return new Phase(n, lambdas, steps, words); }
    public Phase withSteps(long s) { return new Phase(name, lambdas, s, 0); }
    public Phase withWords(long w) { return new Phase(name, lambdas, 0, w); }

    /** Progress through the phase, 0–1, for the learning-rate schedule. */
    double progress(long stepsDone, double wordsDone) {
        return steps > 0 ? (double) stepsDone / steps : wordsDone / words;
    }

    boolean done(long stepsDone, double wordsDone) {
        return progress(stepsDone, wordsDone) >= 1;
    }

    @Override
    public String toString() {
        return name + " " + lambdas + (steps > 0 ? ", " + steps + " steps" : ", " + words + " words");
    }
}
