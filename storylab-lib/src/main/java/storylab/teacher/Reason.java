package storylab.teacher;

/**
 * Why a score is what it is: the criterion it affects (null for whole-story verdicts such as "empty"), the
 * points it cost (0 for a note that changed nothing) and a sentence a person can read.
 */
public record Reason(Criterion criterion, double cost, String why) {

    public static Reason of(Criterion criterion, double cost, String why) {
        return new Reason(criterion, cost, why);
    }

    public static Reason note(String why) {
        return new Reason(null, 0, why);
    }

    @Override
    public String toString() {
        String who = criterion == null ? "story" : criterion.label();
        return cost == 0 ? who + ": " + why : String.format("%s −%.2f: %s", who, cost, why);
    }
}
