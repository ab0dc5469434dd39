package storylab.train;

/**
 * Where the data stream stands, enough to rebuild it exactly after a restart: the epoch, the index of the
 * shuffle chunk being served, the document at which that chunk began, the tokens (and their word weight)
 * carried over into it from the previous document, and how many windows of the chunk were served.
 */
public record DataState(int epoch, long chunk, long document, int[] carry, double[] carryWords, int served) {

    public static DataState start() {
        return new DataState(0, 0, 0, new int[0], new double[0], 0);
    }
}
