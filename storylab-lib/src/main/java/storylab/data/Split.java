package storylab.data;

/** A corpus divided into training and validation documents by {@link Corpus#split}. */
public record Split(Corpus train, Corpus validation) {

    static final double DEFAULT_FRACTION = 0.05;

    /** Hashes the id with the seed (FNV-1a then a SplitMix finalizer) to a uniform number in [0, 1). */
    public static boolean inValidation(String id, double fraction, long seed) {
        long h = 0xcbf29ce484222325L ^ seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53 < fraction;
    }
}
