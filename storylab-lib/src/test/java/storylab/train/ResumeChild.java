package storylab.train;

import java.nio.file.Path;

/** The run that {@link PretrainTest} kills with SIGKILL: the same configuration as its reference run. */
public final class ResumeChild {

    public static void main(String[] args) {
        PretrainTest.resumable(Path.of(args[0])).maxSteps(0).run();
    }
}
