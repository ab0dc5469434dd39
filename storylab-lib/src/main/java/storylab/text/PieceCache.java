package storylab.text;

/**
 * Piece → token ids, looked up by a range of the text without cutting a substring first (the cost that
 * dominates encoding otherwise). Open addressing; stops taking new pieces when full. One per thread.
 */
final class PieceCache {

    private final String[] keys;
    private final int[][] values;
    private final int mask, capacity;
    private int size;

    PieceCache(int capacity) {
        int slots = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
        keys = new String[slots];
        values = new int[slots][];
        mask = slots - 1;
        this.capacity = capacity;
    }

    /** The ids cached for {@code text[start, end)}, or null. */
    int[] get(String text, int start, int end) {
        int len = end - start;
        for (int i = hash(text, start, end) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) return null;
            if (k.length() == len && k.regionMatches(0, text, start, len)) return values[i];
        }
    }

    void put(String piece, int[] ids) {
        if (size >= capacity) return;
        for (int i = hash(piece, 0, piece.length()) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == null) {
                keys[i] = piece;
                values[i] = ids;
                size++;
                return;
            }
            if (keys[i].equals(piece)) return;
        }
    }

    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + s.charAt(i);
        return h ^ (h >>> 16);
    }
}
