package storylab.train;

/** One row of a training curve; {@code valLoss} and {@code valPpl} are NaN between evaluations. */
public record Point(long step, double words, long tokens, double loss, double valLoss, double valPpl, double lr,
                    double tokensPerSecond, double gradNorm) {}
