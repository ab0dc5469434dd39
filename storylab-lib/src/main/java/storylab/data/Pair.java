package storylab.data;

/** An instruction and the story it asks for: one example for instruction tuning (encoder in, decoder out). */
public record Pair(String instruction, String story) {}
