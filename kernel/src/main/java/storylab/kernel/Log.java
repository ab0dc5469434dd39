package storylab.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The kernel's own log: one line each, on the process's real stderr (Jupyter shows it in the server log). */
final class Log {

    private static final PrintStream ERR = System.err; // captured before the output router replaces it

    private Log() {}

    static void warn(String message) {
        ERR.println("[storylab " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " WARN] " + message);
    }

    static void info(String message) {
        if (System.getenv("STORYLAB_DEBUG") != null) ERR.println("[storylab " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " INFO] " + message);
    }
}
