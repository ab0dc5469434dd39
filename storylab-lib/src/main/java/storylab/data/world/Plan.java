package storylab.data.world;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a story is about, before any wording: who, where, what they want, what stands in the way, how it is
 * overcome, how it ends and (often) what was learned. The text and the instructions are realised from it.
 */
public record Plan(Persona hero, Persona helper, String setting, String goal, String obstacle, String resolution,
                   String ending, Optional<String> moral) {

    /** The plan as labelled fields, in story order. */
    public Map<String, String> fields() {
        var m = new LinkedHashMap<String, String>();
        m.put("hero", hero.toString());
        m.put("setting", setting);
        m.put("goal", goal);
        m.put("obstacle", obstacle);
        m.put("helper", helper.toString());
        m.put("resolution", resolution);
        m.put("ending", ending);
        m.put("moral", moral.orElse("—"));
        return m;
    }
}
