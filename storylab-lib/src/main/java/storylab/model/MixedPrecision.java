package storylab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * bf16 mixed precision on the CPU, as PyTorch's autocast does it: the matmuls of the linear layers and of
 * attention run in bfloat16 (about twice the fp32 rate on CPUs with bf16 instructions), while the weights,
 * the optimiser's moments, LayerNorm, softmax, the loss and every checkpoint stay fp32.
 *
 * <p>On by default where the CPU has bf16 instructions ({@code avx512_bf16} or {@code amx_bf16}), fp32
 * elsewhere; the choice is printed once. Off with {@code MixedPrecision.use(false)} or
 * {@code -Dstorylab.bf16=off}; {@code use(true)} (or {@code -Dstorylab.bf16=on}) on a CPU without bf16 says
 * so and stays in fp32. It applies inside {@link #training} only — the forward and backward passes of
 * training, the RL passes whose log-probabilities training compares against, and the offline judge's
 * scoring passes (its heads are fitted on bf16 measurements too) — so sampling, evaluation and validation
 * losses are computed in fp32 whatever the setting.
 *
 * <p>How: DJL cannot hold a bf16 tensor (its native dtype table ends at complex64, and asking it for bf16
 * aborts the JVM with "terminate called without an active exception"), so each op is a tiny TorchScript
 * module (resources {@code storylab/model/bf16/*.pt}, written by {@code make.py} beside them) that casts its
 * fp32 inputs to bf16 and its result back to fp32. Autograd records the casts; gradients arrive in fp32.
 */
public final class MixedPrecision {

    private static final Object LOCK = new Object();
    private static volatile Boolean active; // null until decided
    private static volatile String description = "not decided yet";
    private static PtNDManager manager;
    private static PtSymbolBlock linear, linearNoBias, attend;

    private MixedPrecision() {}

    /** Whether bf16 matmuls are on (deciding from -Dstorylab.bf16 and the CPU on the first call). */
    public static boolean active() {
        Boolean a = active;
        if (a != null) return a;
        synchronized (LOCK) {
            if (active == null) useDefault();
            return active;
        }
    }

    /** Asks for bf16 matmuls (true) or fp32 (false); returns whether bf16 is now on (false on a CPU without it). */
    public static boolean use(boolean on) {
        synchronized (LOCK) {
            decide(on ? "on" : "off", cpuBf16());
            return active;
        }
    }

    /** Back to the default: -Dstorylab.bf16 (auto when unset: bf16 where the CPU has it). */
    public static boolean useDefault() {
        synchronized (LOCK) {
            decide(System.getProperty("storylab.bf16", "auto"), cpuBf16());
            return active;
        }
    }

    /** What is in use and why, e.g. "bf16 matmuls, fp32 weights (this CPU has avx512_bf16; …)". */
    public static String describe() {
        active();
        return description;
    }

    /** The bf16 instruction set this CPU reports, or null (reads /proc/cpuinfo: Linux only). */
    public static String cpuBf16() {
        try {
            var info = Files.readString(Path.of("/proc/cpuinfo"));
            for (var flag : new String[] {"amx_bf16", "avx512_bf16"})
                if (info.contains(" " + flag + " ") || info.contains(" " + flag + "\n")) return flag;
        } catch (IOException | RuntimeException e) {
            // not Linux: no way to tell, so no bf16
        }
        return null;
    }

    /** Decides from a setting (auto, on, off) and the CPU's bf16 instruction set (null: none). */
    static void decide(String setting, String isa) {
        synchronized (LOCK) {
            decideLocked(setting, isa);
        }
    }

    private static void decideLocked(String setting, String cpuIsa) {
        String mode = setting.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("on") && !mode.equals("off")) {
            System.out.println("StoryLab: -Dstorylab.bf16=" + setting + " is not one of auto, on, off; using auto");
            mode = "auto";
        }
        String isa = mode.equals("off") ? null : cpuIsa;
        if (mode.equals("off")) {
            set(false, "fp32 matmuls (bf16 switched off)");
        } else if (isa == null) {
            set(false, mode.equals("on")
                    ? "fp32 matmuls: bf16 was asked for, but this CPU has no bf16 instructions (neither avx512_bf16 nor amx_bf16)"
                    : "fp32 matmuls (this CPU has no bf16 instructions: neither avx512_bf16 nor amx_bf16)");
        } else {
            try {
                load();
                set(true, "bf16 matmuls, fp32 weights (this CPU has " + isa + "; MixedPrecision.use(false) or -Dstorylab.bf16=off for fp32)");
            } catch (IOException | RuntimeException e) {
                set(false, "fp32 matmuls (the bf16 ops did not load: " + e.getMessage() + ")");
            }
        }
    }

    /** Records the decision and prints it when it is new or changed: the run's log says which precision it ran in. */
    private static void set(boolean on, String why) {
        boolean changed = !why.equals(description);
        description = why;
        active = on;
        if (changed) System.out.println("StoryLab: " + why);
    }

    private static void load() throws IOException {
        if (manager != null) return;
        var m = (PtNDManager) NDManager.newBaseManager();
        try {
            linear = module(m, "linear");
            linearNoBias = module(m, "linear-nobias");
            attend = module(m, "attend");
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        manager = m;
    }

    private static PtSymbolBlock module(PtNDManager m, String name) throws IOException {
        return Torch.script(m, "bf16/" + name + ".pt");
    }

    private static final ThreadLocal<Boolean> TRAINING = ThreadLocal.withInitial(() -> false);

    /** Runs {@code pass} with bf16 matmuls when they are on (the flag is per thread). */
    public static <T> T training(java.util.function.Supplier<T> pass) {
        boolean outer = TRAINING.get();
        TRAINING.set(true);
        try {
            return pass.get();
        } finally {
            TRAINING.set(outer);
        }
    }

    /** Whether the ops of this thread run in bf16 now. */
    static boolean now() {
        return TRAINING.get() && active();
    }

    /** x Wᵀ + b in bf16, fp32 in and out; {@code bias} may be null. */
    static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        var in = bias == null ? new NDList(x, w) : new NDList(x, w, bias);
        return run(bias == null ? linearNoBias : linear, in);
    }

    /** softmax(q kᵀ · scale + mask) v with both matmuls in bf16. */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray scale, NDArray mask) {
        return run(attend, new NDList(q, k, v, scale, mask));
    }

    /** Runs a module as plain ops with PyTorch's own autograd (see {@link Torch#plainExecutor}). */
    private static NDArray run(PtSymbolBlock module, NDList in) {
        Torch.plainExecutor();
        return IValueUtils.forward(module, in, JniUtils.isGradMode()).get(0);
    }
}
