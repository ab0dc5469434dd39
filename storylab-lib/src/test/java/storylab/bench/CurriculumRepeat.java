package storylab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import storylab.Scale;
import storylab.curriculum.CurriculumExperiment;

/**
 * Does paper B's recipe repeat? Runs one seed of the curriculum experiment (pretraining, weak → strong and
 * strong → weak from it, the BLEU-1 of each story) twice in this JVM, into DIR/first and DIR/second, then
 * compares every checkpoint's weights and loss log byte for byte and the per-story scores exactly.
 *
 *   java ... storylab.bench.CurriculumRepeat [SCALE] [SEED] [DIR]      (defaults: workshop 42 runs/curriculum-repeat)
 */
public final class CurriculumRepeat {

    public static void main(String[] args) throws Exception {
        storylab.display.Display.install(new storylab.display.RecordingSink());
        var scale = Scale.valueOf((args.length > 0 ? args[0] : "workshop").toUpperCase());
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        Path dir = Path.of(args.length > 2 ? args[2] : "runs/curriculum-repeat");
        var s = CurriculumExperiment.Settings.at(scale, seed, "world");
        var results = new CurriculumExperiment.Result[2];
        for (int run = 0; run < 2; run++) {
            Path into = dir.resolve(run == 0 ? "first" : "second");
            if (Files.exists(into)) throw new IllegalArgumentException(into + " exists: give an empty DIR");
            long t0 = System.nanoTime();
            results[run] = CurriculumExperiment.compute(s, into, false, null);
            System.out.printf("run %d: %.0f s%n", run + 1, (System.nanoTime() - t0) / 1e9);
        }
        int differ = 0;
        try (Stream<Path> files = Files.walk(dir.resolve("first"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("params.bin") && !name.endsWith("-losses.csv")) continue;
                Path rel = dir.resolve("first").relativize(f), other = dir.resolve("second").resolve(rel);
                boolean same = Files.exists(other) && Files.mismatch(f, other) == -1;
                if (!same) differ++;
                System.out.println((same ? "same    " : "DIFFERS ") + rel);
            }
        }
        for (var method : results[0].bleu1PerStory().keySet()) {
            boolean same = Arrays.deepEquals(results[0].bleu1PerStory().get(method), results[1].bleu1PerStory().get(method));
            if (!same) differ++;
            System.out.printf("%s BLEU-1 per story: %s (sums %.9f and %.9f)%n", method, same ? "same" : "DIFFERS",
                    sum(results[0].bleu1PerStory().get(method)), sum(results[1].bleu1PerStory().get(method)));
        }
        System.out.println(differ == 0 ? "the two runs agree exactly" : differ + " differences");
        if (differ > 0) System.exit(1);
    }

    private static double sum(double[][] perLevel) {
        return Arrays.stream(perLevel).flatMapToDouble(Arrays::stream).sum();
    }
}
