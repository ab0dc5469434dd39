package storylab.curriculum;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import storylab.model.EncoderDecoder;
import storylab.text.Tokenizer;
import storylab.train.AdamW;
import storylab.train.Checkpoint;

/**
 * A curriculum checkpoint folder, self-contained like a pretraining one: {@code config.json} (model shape,
 * settings, the whole phase list, the training world's seed or the pairs file), {@code tokenizer.json}, {@code params.bin},
 * {@code optimizer.bin} and {@code state.json} (where in which phase, the data position, the loss rows so
 * far). Written atomically with {@link Checkpoint#writeAtomically}.
 */
final class CurriculumCheckpoint {

    static final String FORMAT = "storylab-curriculum/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * What config.json holds (also written as curriculum.json in the run folder). {@code pairs} is the file the pairs
     * came from (null for a world: then {@code worldSeed}; −1 for another kind of source, which cannot be resumed).
     */
    record Config(String format, EncoderDecoder.Config model, int pad, long worldSeed, CurriculumSettings settings, List<Phase> phases,
                  PairFile.Spec pairs) {}

    /**
     * What state.json holds. {@code phase} is the index of the phase in progress (or next), {@code phaseStep}
     * and {@code phaseWords} how far it got; {@code nextStory} is the next story index the data will draw.
     */
    record State(int phase, long phaseStep, double phaseWords, long step, double words, long nextStory, long optimizerSteps,
                 boolean interrupted, List<StepRow> rows) {
        static State start() {
            return new State(0, 0, 0, 0, 0, 0, 0, false, List.of());
        }
    }

    private CurriculumCheckpoint() {}

    static Path write(Path runDir, String name, Config config, EncoderDecoder model, Tokenizer tokenizer, AdamW optimizer, State state) throws IOException {
        return Checkpoint.writeAtomically(runDir, name, tmp -> {
            JSON.writeValue(tmp.resolve("config.json").toFile(), config);
            tokenizer.save(tmp.resolve("tokenizer.json"));
            model.save(tmp.resolve("params.bin"));
            optimizer.save(tmp);
            JSON.writeValue(tmp.resolve("state.json").toFile(), state); // last: marks a complete folder
        });
    }

    static Config readConfig(Path checkpoint) throws IOException {
        var c = JSON.readValue(Checkpoint.require(checkpoint, "config.json").toFile(), Config.class);
        if (!FORMAT.equals(c.format())) throw new IOException("not a curriculum checkpoint: " + checkpoint + " has format " + c.format());
        return c;
    }

    static State readState(Path checkpoint) throws IOException {
        return JSON.readValue(Checkpoint.require(checkpoint, "state.json").toFile(), State.class);
    }
}
