package storylab.data.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws a plan from the world data and realises it as text and as instructions. Every story has its own
 * random stream seeded from (world seed, index), so story i is the same however the stream is consumed.
 */
final class StoryWriter {

    /** How often a story closes with a moral, and how often the optional steps appear. */
    static final double MORAL = 0.7, ANNOUNCE = 0.8, ASK = 0.8, SCENE = 0.6;
    /**
     * Share of compact stories (one sentence group per plot step, ~60–90 words): paper A's teacher expects a
     * story of about 80 words in 90 tokens, so the student must have seen whole stories that short, endings
     * and end-of-text included, to learn from that teacher.
     */
    static final double COMPACT = 0.4;

    private final WorldData d;
    private final String[] toys, colors, foods, parents, times, sads, glads, sounds, natures, landmarks, weathers;
    private final Template[] opening, character, scene, want, announce, obstacle, trouble, helper, ask, idea, fix, success, ending, moral;

    StoryWriter(WorldData d) {
        this.d = d;
        toys = d.list("toy");
        colors = d.list("color");
        foods = d.list("food");
        parents = d.list("parent");
        times = d.list("time");
        sads = d.list("sad");
        glads = d.list("glad");
        sounds = d.list("sound");
        natures = d.list("nature");
        landmarks = d.list("landmark");
        weathers = d.list("weather");
        opening = d.templates("opening");
        character = d.templates("character");
        scene = d.templates("scene");
        want = d.templates("want");
        announce = d.templates("announce");
        obstacle = d.templates("obstacle");
        trouble = d.templates("trouble");
        helper = d.templates("helper");
        ask = d.templates("ask");
        idea = d.templates("idea");
        fix = d.templates("fix");
        success = d.templates("success");
        ending = d.templates("ending");
        moral = d.templates("moral");
    }

    /** A story's drawn values; {@code random} continues where the plan draws stopped, for the wording. */
    record Draft(String[] values, Persona hero, Persona helper, boolean hasMoral, SplittableRandom random) {}

    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    Draft draft(long seed, long index) {
        var r = new SplittableRandom(mix(seed, index));
        String[] v = new String[Slot.values().length];
        Cast heroCast = cast(r, null);
        Persona hero = heroCast.character(), help = cast(r, hero.name()).character();
        put(v, Slot.HERO, hero.name());
        put(v, Slot.KIND, hero.kind());
        put(v, Slot.TRAIT, hero.trait());
        pronouns(v, hero.gender(), Slot.HE, Slot.HIM, Slot.HIS, Slot.HIMSELF);
        put(v, Slot.HELPER, help.name());
        put(v, Slot.HKIND, help.kind());
        put(v, Slot.HTRAIT, help.trait());
        pronouns(v, help.gender(), Slot.H_HE, Slot.H_HIM, Slot.H_HIS, Slot.H_HIMSELF);
        var setting = pick(r, d.settings);
        put(v, Slot.SETTING, setting.full());
        put(v, Slot.PLACE, setting.place());
        put(v, Slot.TOY, pick(r, toys));
        put(v, Slot.COLOR, pick(r, colors));
        put(v, Slot.FOOD, pick(r, foods));
        put(v, Slot.PARENT, pick(r, parents));
        put(v, Slot.TIME, pick(r, times));
        put(v, Slot.SAD, pick(r, sads));
        put(v, Slot.GLAD, pick(r, glads));
        put(v, Slot.SOUND, pick(r, sounds));
        put(v, Slot.NATURE, pick(r, natures));
        put(v, Slot.LANDMARK, pick(r, landmarks));
        put(v, Slot.WEATHER, pick(r, weathers));
        put(v, Slot.KINDS, heroCast.kind().plural());
        // composite values are templates themselves, filled from the simple ones above
        put(v, Slot.DEED, heroCast.trait().deed().fill(v));
        var activity = pick(r, d.activities);
        put(v, Slot.ACTIVITY, activity.base().fill(v));
        put(v, Slot.ACTIVITY_ING, activity.other().fill(v));
        var goal = pick(r, d.goals);
        put(v, Slot.GOAL, goal.base().fill(v));
        put(v, Slot.GOAL_PAST, goal.other().fill(v));
        put(v, Slot.GOAL_MINE, goal.base().fill(firstPerson(v))); // the hero speaking: "my kite", not "his kite"
        var obs = pick(r, d.obstacles);
        put(v, Slot.OBSTACLE, obs.past().fill(v));
        put(v, Slot.OBSTACLE_NOW, obs.now().fill(v));
        put(v, Slot.OBSTACLE_SHORT, obs.shortName().fill(v));
        var way = pick(r, obs.fixes());
        put(v, Slot.FIX, way.base().fill(v));
        put(v, Slot.FIX_PAST, way.other().fill(v));
        put(v, Slot.ENDING, pick(r, d.endings).fill(v));
        boolean hasMoral = r.nextDouble() < MORAL;
        put(v, Slot.MORAL, pick(r, d.morals));
        return new Draft(v, hero, help, hasMoral, r);
    }

    /** A character with the world entries it was drawn from. */
    private record Cast(Persona character, WorldData.Kind kind, WorldData.Trait trait) {}

    private Cast cast(SplittableRandom r, String notNamed) {
        var kind = pick(r, d.kinds);
        Gender g = kind.genders()[r.nextInt(kind.genders().length)];
        String[] names = d.names.get(g);
        String name;
        do name = names[r.nextInt(names.length)]; while (name.equals(notNamed));
        var trait = pick(r, d.traits);
        return new Cast(new Persona(name, kind.singular(), trait.word(), g), kind, trait);
    }

    /** The story text: six paragraphs (or, for a compact story, four), each step worded by one of its templates. */
    String text(Draft x) {
        var r = x.random();
        var sb = new StringBuilder(1200);
        String[] v = x.values();
        if (r.nextDouble() < COMPACT) return compact(x, sb, v, r);
        sentence(sb, v, opening, r);
        sentence(sb, v, character, r);
        if (r.nextDouble() < SCENE) sentence(sb, v, scene, r);
        sb.append("\n\n");
        sentence(sb, v, want, r);
        if (r.nextDouble() < ANNOUNCE) sentence(sb, v, announce, r);
        sb.append("\n\n");
        sentence(sb, v, obstacle, r);
        sentence(sb, v, trouble, r);
        sb.append("\n\n");
        sentence(sb, v, helper, r);
        if (r.nextDouble() < ASK) sentence(sb, v, ask, r);
        sentence(sb, v, idea, r);
        sb.append("\n\n");
        sentence(sb, v, fix, r);
        sentence(sb, v, success, r);
        sb.append("\n\n");
        sentence(sb, v, ending, r);
        if (x.hasMoral()) sentence(sb, v, moral, r);
        return English.resolveArticles(sb);
    }

    /** The same plot told in its essential steps: who, what they want, what stops them, how, and the end. */
    private String compact(Draft x, StringBuilder sb, String[] v, SplittableRandom r) {
        sentence(sb, v, opening, r);
        sb.append("\n\n");
        sentence(sb, v, want, r);
        sentence(sb, v, obstacle, r);
        sb.append("\n\n");
        sentence(sb, v, helper, r);
        sentence(sb, v, fix, r);
        sb.append("\n\n");
        sentence(sb, v, ending, r);
        return English.resolveArticles(sb);
    }

    private static void sentence(StringBuilder sb, String[] v, Template[] choices, SplittableRandom r) {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) != '\n') sb.append(' ');
        choices[r.nextInt(choices.length)].fill(v, sb);
    }

    Plan plan(Draft x) {
        String[] v = x.values();
        return new Plan(x.hero(), x.helper(), a(v, Slot.SETTING), a(v, Slot.GOAL), a(v, Slot.OBSTACLE), a(v, Slot.FIX_PAST), a(v, Slot.ENDING),
                x.hasMoral() ? Optional.of(v[Slot.MORAL.ordinal()]) : Optional.empty());
    }

    /** Instructions at levels 0–4, from a random stream of their own so that they never change the text. */
    List<String> instructions(Draft x, long seed, long index) {
        var r = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, index));
        List<String> out = new ArrayList<>(Story.LEVELS);
        out.add("");
        for (int level = 1; level < Story.LEVELS; level++) {
            Template[] choices = d.instructions.get("level" + level);
            if (choices == null) throw new IllegalStateException("instructions.txt has no [level" + level + "] section");
            var sb = new StringBuilder();
            choices[r.nextInt(choices.length)].fill(x.values(), sb);
            if (level == 4 && x.hasMoral()) sb.append(" The lesson: ").append(x.values()[Slot.MORAL.ordinal()]).append('.');
            out.add(English.resolveArticles(sb));
        }
        return out;
    }

    private static String a(String[] v, Slot s) {
        return English.resolveArticles(v[s.ordinal()]);
    }

    /** A copy of the values in which the hero's pronouns are first person, for the hero's own words. */
    private static String[] firstPerson(String[] v) {
        String[] mine = v.clone();
        pronouns(mine, null, Slot.HE, Slot.HIM, Slot.HIS, Slot.HIMSELF);
        return mine;
    }

    private static void pronouns(String[] v, Gender g, Slot he, Slot him, Slot his, Slot himself) {
        put(v, he, g == null ? "I" : g.subject);
        put(v, him, g == null ? "me" : g.object);
        put(v, his, g == null ? "my" : g.possessive);
        put(v, himself, g == null ? "myself" : g.reflexive);
    }

    private static void put(String[] v, Slot s, String value) {
        v[s.ordinal()] = value;
    }

    static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    static String pick(SplittableRandom r, String[] list) {
        return list[r.nextInt(list.length)];
    }
}
