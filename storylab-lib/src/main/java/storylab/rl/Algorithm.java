package storylab.rl;

/** The RL algorithms that share the rollout and reward interface; {@link #workshop()} is each one's preset. */
public enum Algorithm {
    /** Paper A's loop: TRL's legacy PPO with a value head and GAE ({@link Ppo}). */
    PPO,
    /** REINFORCE with a leave-one-out baseline over k stories per prompt ({@link Rloo}). */
    RLOO,
    /** Group-relative advantages with the Dr. GRPO loss ({@link Grpo}). */
    GRPO,
    /** SimPO on the best and worst story of each group, as the teacher ranks them ({@link PreferencePairs}). */
    SIMPO,
    /** DPO on the same pairs, against the frozen reference ({@link PreferencePairs}). */
    DPO;

    /** Draws k stories per prompt. */
    public boolean grouped() {
        return this != PPO;
    }

    /** Learns from ranked pairs rather than reward values. */
    public boolean preference() {
        return this == SIMPO || this == DPO;
    }

    /** The laptop preset of this algorithm. */
    public RlConfig workshop() {
        return switch (this) {
            case PPO -> Ppo.workshop();
            case RLOO -> Rloo.workshop();
            case GRPO -> Grpo.workshop();
            case SIMPO -> PreferencePairs.simpo();
            case DPO -> PreferencePairs.dpo();
        };
    }
}
