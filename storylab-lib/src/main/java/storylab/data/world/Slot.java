package storylab.data.world;

import java.util.HashMap;
import java.util.Map;

/** The named values a story fills its templates with; an index into a per-story array. */
enum Slot {
    HERO("hero"), KIND("kind"), KINDS("kinds"), TRAIT("trait"), DEED("deed"),
    HE("he"), HIM("him"), HIS("his"), HIMSELF("himself"),
    HELPER("helper"), HKIND("hkind"), HTRAIT("htrait"), H_HE("h.he"), H_HIM("h.him"), H_HIS("h.his"), H_HIMSELF("h.himself"),
    SETTING("setting"), PLACE("place"), ACTIVITY("activity"), ACTIVITY_ING("activityIng"),
    GOAL("goal"), GOAL_MINE("goalMine"), GOAL_PAST("goalPast"), OBSTACLE("obstacle"), OBSTACLE_NOW("obstacleNow"), OBSTACLE_SHORT("obstacleShort"),
    FIX("fix"), FIX_PAST("fixPast"), PARENT("parent"), TIME("time"), SAD("sad"), GLAD("glad"), SOUND("sound"), NATURE("nature"),
    TOY("toy"), COLOR("color"), FOOD("food"), LANDMARK("landmark"), WEATHER("weather"), MORAL("moral"), ENDING("ending");

    final String key;

    Slot(String key) {
        this.key = key;
    }

    private static final Map<String, Slot> BY_KEY = new HashMap<>();

    static {
        for (Slot s : values()) BY_KEY.put(s.key, s);
    }

    static Slot of(String key) {
        return BY_KEY.get(key);
    }
}
