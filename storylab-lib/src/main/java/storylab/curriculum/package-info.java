/**
 * Paper B's method: an encoder–decoder instruction-tuned in phases (language-model pretraining, weak
 * instructions, strong instructions) with a λ-weighted loss over mixed batches ({@link storylab.curriculum.Curriculum},
 * {@link storylab.curriculum.Phase}, {@link storylab.curriculum.Lambdas}), and its automatic metrics on held-out
 * instructions ({@link storylab.curriculum.Evaluation}). Not among the kernel's default imports: a notebook starts
 * with {@code import storylab.curriculum.*;}.
 */
package storylab.curriculum;
