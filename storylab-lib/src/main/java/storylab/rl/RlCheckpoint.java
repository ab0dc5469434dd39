package storylab.rl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.text.Tokenizer;
import storylab.train.AdamW;
import storylab.train.Checkpoint;

/**
 * A self-contained RL checkpoint folder: the policy, the frozen reference, the value head (PPO), Adam's moments,
 * β, the step, the word counts and every step's metrics — with the tokenizer and both configs. Written
 * atomically; the run folder also keeps {@code rl-config.json} and {@code metrics.csv} current.
 */
final class RlCheckpoint {

    static final String FORMAT = "storylab-rl/2";
    /** Written before {@link RlStep} grouped its numbers: its step history cannot be read into today's steps. */
    static final String UNGROUPED_STEPS = "storylab-rl/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Config(String format, GptConfig model, RlConfig rl) {}

    record State(int step, double beta, long optimizerSteps, InteractionWords words, boolean interrupted, List<RlStep> history) {}

    /** What {@link #read} found; {@link #restore} fills a fresh value head and optimizer. */
    record Saved(Path runDir, Path checkpoint, RlConfig config, State state, Gpt policy, Gpt reference, Tokenizer tokenizer) {
        void restore(ValueHead valueHead, AdamW optimizer) throws IOException {
            if (valueHead != null) valueHead.load(Checkpoint.require(checkpoint, "value.bin"));
            optimizer.load(checkpoint, state.optimizerSteps()); // Adam's bias correction needs its update count
        }
    }

    private RlCheckpoint() {}

    static Path write(Path runDir, Rl ppo, boolean interrupted) throws IOException {
        var config = new Config(FORMAT, ppo.policy().config(), ppo.config());
        var history = ppo.history();
        var state = new State(ppo.stepNumber(), ppo.beta(), ppo.optimizer().steps(), ppo.words(), interrupted, history);
        Files.createDirectories(runDir);
        JSON.writeValue(runDir.resolve("rl-config.json").toFile(), config);
        Path cp = Checkpoint.writeAtomically(runDir, String.format("step-%06d", ppo.stepNumber()), dir -> {
            JSON.writeValue(dir.resolve("config.json").toFile(), config);
            ppo.tokenizer().save(dir.resolve("tokenizer.json"));
            ppo.policy().save(dir.resolve("policy.bin"));
            ppo.reference().save(dir.resolve("reference.bin"));
            if (ppo.valueHead() != null) ppo.valueHead().save(dir.resolve("value.bin"));
            ppo.optimizer().save(dir);
            JSON.writeValue(dir.resolve("state.json").toFile(), state); // last: marks a complete folder
        });
        Files.writeString(runDir.resolve("metrics.csv"), new RlReport(history, ppo.config(), interrupted).csv());
        return cp;
    }

    static Saved read(Path dir) throws IOException {
        Path cp = Checkpoint.locate(dir);
        Path runDir = cp.equals(dir) && cp.getParent() != null ? cp.getParent() : dir;
        Config config;
        State state;
        try {
            config = JSON.readValue(Checkpoint.require(cp, "config.json").toFile(), Config.class);
        } catch (IOException e) {
            throw new IOException("corrupt RL checkpoint file " + cp.resolve("config.json") + ": " + e.getMessage(), e);
        }
        if (UNGROUPED_STEPS.equals(config.format()))
            throw new IOException("cannot resume from " + cp.resolve("config.json") + ": it was written by an older StoryLab (format " + UNGROUPED_STEPS + ", whose steps kept their numbers"
                    + " ungrouped), and this version reads " + FORMAT + " only. Start the run again into a new folder (this one is left as it was;"
                    + " its metrics.csv still has every step's numbers)");
        if (!FORMAT.equals(config.format()))
            throw new IOException("not an RL checkpoint: " + cp.resolve("config.json") + " has format \"" + config.format()
                    + "\" (expected \"" + FORMAT + "\"; a pretraining checkpoint is loaded with Checkpoint.readModel)");
        try {
            state = JSON.readValue(Checkpoint.require(cp, "state.json").toFile(), State.class);
        } catch (IOException e) {
            throw new IOException("corrupt RL checkpoint file " + cp.resolve("state.json") + ": " + e.getMessage(), e);
        }
        var tokenizer = Checkpoint.readTokenizer(cp);
        var policy = Gpt.load(config.model(), Checkpoint.require(cp, "policy.bin"));
        var reference = Gpt.load(config.model(), Checkpoint.require(cp, "reference.bin"));
        return new Saved(runDir, cp, config.rl(), state, policy, reference, tokenizer);
    }
}
