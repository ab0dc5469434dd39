package storylab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import storylab.data.Words;
import storylab.data.world.StoryWorld;
import storylab.display.Display;
import storylab.display.RecordingSink;
import storylab.model.Samples;
import storylab.teacher.Reward;
import storylab.teacher.RubricTeacher;
import storylab.train.Checkpoint;

/**
 * What the rubric teacher pays for, on the workshop student's own stories (no training): score and reward by
 * length, for stories that end with end-of-text and stories cut off at the token limit, and what happens to
 * the score when a finished story loses its last sentence.
 *
 *   java ... storylab.bench.RlDiagnosis [stories] [maxTokens]
 */
public final class RlDiagnosis {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int maxTokens = args.length > 1 ? Integer.parseInt(args[1]) : 112;
        Display.install(new RecordingSink());
        Path cp = WorkshopStudent.checkpoint(Path.of("runs/workshop-student"));
        var teacher = RubricTeacher.from(StoryWorld.seed(7).stories(2_000).map(s -> s.text()).toList());
        var tok = Checkpoint.readTokenizer(cp);
        var reward = Reward.paper();
        try (var model = Checkpoint.readModel(cp)) {
            var prompts = new String[n];
            java.util.Arrays.fill(prompts, "Once upon a time, in a faraway land,");
            Samples s = model.sampler(tok).maxTokens(maxTokens).temperature(1.0).seed(11).sample(prompts);
            int[] bins = {0, 20, 40, 60, 80, 100, 1000};
            double[][] acc = new double[2][bins.length * 3];
            double trimmedSum = 0, truncatedSum = 0, cutGain = 0;
            int truncated = 0, cuts = 0, cutBetter = 0, cutWorse = 0;
            for (int i = 0; i < n; i++) {
                int[] t = s.tokens()[i];
                boolean eot = t.length > 0 && t[t.length - 1] == tok.eot();
                String text = tok.decode(eot ? java.util.Arrays.copyOf(t, t.length - 1) : t).strip();
                int w = Words.count(text);
                double score = teacher.score(prompts[i], text).sum();
                double r = reward.of(teacher.score(prompts[i], text), text);
                int b = 0;
                while (w >= bins[b + 1]) b++;
                int k = eot ? 0 : 1;
                acc[k][3 * b] += 1;
                acc[k][3 * b + 1] += score;
                acc[k][3 * b + 2] += r;
                if (!eot) {
                    truncated++;
                    truncatedSum += score;
                    String trimmed = lastFullSentence(text);
                    trimmedSum += teacher.score(prompts[i], trimmed).sum();
                } else {
                    String shorter = lastFullSentence(dropLast(text));
                    if (!shorter.isEmpty() && Words.count(shorter) >= 5) {
                        double d = teacher.score(prompts[i], shorter).sum() - score;
                        cutGain += d;
                        cuts++;
                        if (d > 0) cutBetter++;
                        if (d < 0) cutWorse++;
                    }
                }
            }
            System.out.printf("%d stories, %d new tokens max: %d cut off at the limit (%.0f%%)%n", n, maxTokens, truncated, 100.0 * truncated / n);
            for (int k = 0; k < 2; k++) {
                System.out.println(k == 0 ? "ended with end-of-text:" : "cut off at the token limit:");
                for (int b = 0; b + 1 < bins.length; b++)
                    if (acc[k][3 * b] > 0)
                        System.out.printf("  %3d-%-4d words  n=%3.0f  score %.2f  reward %.3f%n", bins[b], bins[b + 1], acc[k][3 * b],
                                acc[k][3 * b + 1] / acc[k][3 * b], acc[k][3 * b + 2] / acc[k][3 * b]);
            }
            if (truncated > 0)
                System.out.printf("cut-off stories: score as cut %.2f, judged up to their last full sentence %.2f%n", truncatedSum / truncated, trimmedSum / truncated);
            System.out.printf("finished stories without their last sentence: score change %+.2f on average (%d better, %d worse of %d)%n",
                    cutGain / Math.max(1, cuts), cutBetter, cutWorse, cuts);
        }
    }

    static String dropLast(String text) {
        String t = text.strip();
        int end = Math.max(t.lastIndexOf('.', t.length() - 2), Math.max(t.lastIndexOf('!', t.length() - 2), t.lastIndexOf('?', t.length() - 2)));
        return end < 0 ? "" : t.substring(0, end + 1);
    }

    static String lastFullSentence(String text) {
        int end = Math.max(text.lastIndexOf('.'), Math.max(text.lastIndexOf('!'), text.lastIndexOf('?')));
        if (end < 0) return "";
        int j = end + 1;
        while (j < text.length() && "\"'”’".indexOf(text.charAt(j)) >= 0) j++;
        return text.substring(0, j).strip();
    }
}
