package storylab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import storylab.data.Corpus;

/** A synthetic, seeded corpus of tiny stories for tests: learnable structure, no files. */
final class Stories {

    private static final String[] WHO = {"the fox", "a bird", "the old king", "a small dog", "the girl", "a bear"};
    private static final String[] DID = {"saw", "found", "helped", "chased", "met", "loved"};
    private static final String[] WHERE = {"in the wood", "by the river", "at home", "on the hill", "near the sea"};

    private Stories() {}

    static Corpus corpus(String name, int documents, long seed) {
        var rng = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            var sb = new StringBuilder();
            int sentences = 2 + rng.nextInt(3);
            for (int s = 0; s < sentences; s++)
                sb.append(WHO[rng.nextInt(WHO.length)]).append(' ').append(DID[rng.nextInt(DID.length)]).append(' ')
                        .append(WHO[rng.nextInt(WHO.length)]).append(' ').append(WHERE[rng.nextInt(WHERE.length)]).append(". ");
            texts.add(sb.toString().strip());
        }
        return Corpus.of(name, texts);
    }
}
