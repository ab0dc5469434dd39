package storylab.rl;

/** An RL run stopped for a reason the user can fix; the message names the step and what to do. */
public final class RlException extends RuntimeException {
    public RlException(String message, Throwable cause) {
        super(message, cause);
    }
}
