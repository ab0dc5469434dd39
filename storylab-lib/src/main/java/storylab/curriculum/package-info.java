/**
 * Paper B's method: an encoder–decoder instruction-tuned in phases (language-model pretraining, weak
 * instructions, strong instructions) with a λ-weighted loss over mixed batches ({@link storylab.curriculum.Curriculum},
 * {@link storylab.curriculum.Phase}, {@link storylab.curriculum.Lambdas}), on pairs from the story world or from a JSON
 * Lines file of your own with instruction levels ({@link storylab.curriculum.PairSource}, {@link storylab.curriculum.PairFile}),
 * and its automatic metrics on held-out instructions ({@link storylab.curriculum.Evaluation}). Notebooks start with
 * {@code import storylab.curriculum.*;} (the kernel also imports it by default).
 */
package storylab.curriculum;
