package storylab.experiment;

import java.util.List;

/** Placeholder replaced below. */
public final class WorkshopArchive {
    private WorkshopArchive() {}
    public static int prepareMain(List<String> args) { System.err.println("not yet"); return 2; }
    public static int unpackMain(List<String> args) { System.err.println("not yet"); return 2; }
}
