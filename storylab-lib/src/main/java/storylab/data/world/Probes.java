package storylab.data.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/** Builds the formal-competence probe sets from the world's words, deterministically by seed. */
final class Probes {

    private final WorldData d;
    private final long seed;

    Probes(WorldData d, long seed) {
        this.d = d;
        this.seed = seed;
    }

    List<MinimalPair> minimalPairs(int n) {
        List<MinimalPair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            var r = new SplittableRandom(StoryWriter.mix(seed ^ 0x3C6EF372FE94F82AL, i));
            out.add(pair(MinimalPair.PHENOMENA.get(i % MinimalPair.PHENOMENA.size()), r));
        }
        return out;
    }

    private MinimalPair pair(String phenomenon, SplittableRandom r) {
        Gender g = r.nextBoolean() ? Gender.SHE : Gender.HE;
        String name = StoryWriter.pick(r, d.names.get(g));
        String[] v = values(g, r);
        var kind = pickPluralKind(r);
        String glad = StoryWriter.pick(r, d.list("glad"));
        return switch (phenomenon) {
            case MinimalPair.AGREEMENT -> switch (r.nextInt(3)) {
                case 0 -> new MinimalPair(phenomenon, "The " + kind.plural() + " were " + glad + " to see " + name + ".", "The " + kind.plural() + " was " + glad + " to see " + name + ".");
                case 1 -> new MinimalPair(phenomenon, "The " + kind.singular() + " was " + glad + " to see " + name + ".", "The " + kind.singular() + " were " + glad + " to see " + name + ".");
                default -> {
                    String act = English.resolveArticles(StoryWriter.pick(r, d.activities).base().fill(v));
                    yield new MinimalPair(phenomenon, name + " likes to " + act + ".", name + " like to " + act + ".");
                }
            };
            case MinimalPair.PRONOUN -> {
                String toy = v[Slot.TOY.ordinal()];
                yield r.nextBoolean()
                        ? new MinimalPair(phenomenon, name + " lost " + g.possessive + " " + toy + ".", name + " lost " + g.other().possessive + " " + toy + ".")
                        : new MinimalPair(phenomenon, name + " was " + glad + " because " + g.subject + " found a " + toy + ".",
                                name + " was " + glad + " because " + g.other().subject + " found a " + toy + ".");
            }
            case MinimalPair.REFLEXIVE -> new MinimalPair(phenomenon, name + " looked at " + g.reflexive + " in the mirror.", name + " looked at " + g.other().reflexive + " in the mirror.");
            case MinimalPair.ARTICLE -> {
                String trait = StoryWriter.pick(r, d.traits).word();
                String right = English.article(trait), wrong = right.equals("a") ? "an" : "a";
                yield new MinimalPair(phenomenon, name + " saw " + right + " " + trait + " " + kind.singular() + ".", name + " saw " + wrong + " " + trait + " " + kind.singular() + ".");
            }
            case MinimalPair.TENSE -> {
                var goal = StoryWriter.pick(r, d.goals);
                String past = English.resolveArticles(goal.other().fill(v)), base = English.resolveArticles(goal.base().fill(v));
                yield new MinimalPair(phenomenon, "Yesterday, " + name + " " + past + ".", "Yesterday, " + name + " will " + base + ".");
            }
            case MinimalPair.DETERMINER -> r.nextBoolean()
                    ? new MinimalPair(phenomenon, name + " saw these " + kind.plural() + " by the river.", name + " saw this " + kind.plural() + " by the river.")
                    : new MinimalPair(phenomenon, name + " saw that " + kind.singular() + " by the river.", name + " saw those " + kind.singular() + " by the river.");
            default -> throw new IllegalArgumentException(phenomenon);
        };
    }

    /** A kind whose plural differs from its singular, so number is visible. */
    private WorldData.Kind pickPluralKind(SplittableRandom r) {
        WorldData.Kind k;
        do k = StoryWriter.pick(r, d.kinds); while (k.plural().equals(k.singular()));
        return k;
    }

    private String[] values(Gender g, SplittableRandom r) {
        String[] v = new String[Slot.values().length];
        v[Slot.HE.ordinal()] = g.subject;
        v[Slot.HIM.ordinal()] = g.object;
        v[Slot.HIS.ordinal()] = g.possessive;
        v[Slot.HIMSELF.ordinal()] = g.reflexive;
        v[Slot.TOY.ordinal()] = StoryWriter.pick(r, d.list("toy"));
        v[Slot.COLOR.ordinal()] = StoryWriter.pick(r, d.list("color"));
        v[Slot.FOOD.ordinal()] = StoryWriter.pick(r, d.list("food"));
        v[Slot.PARENT.ordinal()] = StoryWriter.pick(r, d.list("parent"));
        return v;
    }

    private static final String[] GIVE = {"%s gave the %s to %s.", "%s handed the %s to %s.", "%s passed the %s to %s."};

    List<EntityQuestion> handOvers(int n, int transfers) {
        if (transfers < 1) throw new IllegalArgumentException("transfers must be ≥ 1, got " + transfers);
        List<EntityQuestion> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            var r = new SplittableRandom(StoryWriter.mix(seed ^ 0x243F6A8885A308D3L, i));
            List<String> people = new ArrayList<>(3);
            while (people.size() < 3) {
                String name = StoryWriter.pick(r, d.names.get(r.nextBoolean() ? Gender.SHE : Gender.HE));
                if (!people.contains(name)) people.add(name);
            }
            String object = StoryWriter.pick(r, d.list("color")) + " " + StoryWriter.pick(r, d.list("toy"));
            int holder = r.nextInt(3);
            var sb = new StringBuilder();
            sb.append(people.get(0)).append(", ").append(people.get(1)).append(" and ").append(people.get(2)).append(" were playing. ");
            sb.append(people.get(holder)).append(" had ").append(English.article(object)).append(' ').append(object).append(". ");
            for (int t = 0; t < transfers; t++) {
                int to = (holder + 1 + r.nextInt(2)) % 3;
                if (r.nextInt(4) == 0) {
                    sb.append(people.get(to)).append(" took the ").append(object).append(" from ").append(people.get(holder)).append(". ");
                } else {
                    sb.append(String.format(GIVE[r.nextInt(GIVE.length)], people.get(holder), object, people.get(to))).append(' ');
                }
                holder = to;
                if (r.nextInt(3) == 0) { // a distractor that mentions someone without moving the object
                    int a = r.nextInt(3), b = (a + 1 + r.nextInt(2)) % 3;
                    sb.append(people.get(a)).append(" smiled at ").append(people.get(b)).append(". ");
                }
            }
            sb.append("Now the ").append(object).append(" is with");
            out.add(new EntityQuestion(sb.toString(), people.stream().map(p -> " " + p).toList(), holder));
        }
        return out;
    }

    /** Probe stories start this far down the stream: no word budget reaches them, so they are never trained on. */
    static final long PROBE_STORIES = 1L << 40;
    private static final int WINDOW_WORDS = 60;

    List<EntityQuestion> storyCast(int n, LongFunction<Story> stories) {
        List<EntityQuestion> out = new ArrayList<>(n);
        for (long i = 0; out.size() < n; i++) {
            if (i > 20L * n + 100) throw new IllegalStateException("the world's stories give too few entity questions");
            var q = castQuestion(stories.apply(PROBE_STORIES + i), new SplittableRandom(StoryWriter.mix(seed ^ 0x452821E638D01377L, i)));
            if (q != null) out.add(q);
        }
        return out;
    }

    /**
     * One question from {@code story}, or null when no character is named again within the window: the story
     * is cut just before a character's name comes back, and the other candidate is a name of the same gender
     * that the story never uses. Unlike "which of the two characters comes next", which even a perfect reader
     * often cannot know, this has one right answer, so the probe can rise all the way to 1.
     */
    private EntityQuestion castQuestion(Story story, SplittableRandom r) {
        var plan = story.plan();
        String text = story.text();
        List<int[]> eligible = new ArrayList<>(); // {start of the name, 1 if the hero}
        for (var who : List.of(plan.hero(), plan.helper())) {
            Pattern name = word(who.name());
            var m = name.matcher(text);
            while (m.find()) {
                int at = m.start();
                if (at == 0 || text.charAt(at - 1) != ' ') continue; // candidates carry a leading space
                if (name.matcher(lastWords(text.substring(0, at), WINDOW_WORDS)).find())
                    eligible.add(new int[] {at, who == plan.hero() ? 1 : 0});
            }
        }
        if (eligible.isEmpty()) return null;
        int[] pick = eligible.get(r.nextInt(eligible.size()));
        var who = pick[1] == 1 ? plan.hero() : plan.helper();
        String[] pool = d.names.get(who.gender());
        String stranger = null;
        for (int tries = 0; tries < 50 && stranger == null; tries++) {
            String s = pool[r.nextInt(pool.length)];
            if (!word(s).matcher(text).find()) stranger = s;
        }
        if (stranger == null) return null;
        boolean knownFirst = r.nextBoolean();
        var candidates = knownFirst ? List.of(" " + who.name(), " " + stranger) : List.of(" " + stranger, " " + who.name());
        return new EntityQuestion(text.substring(0, pick[0] - 1), candidates, knownFirst ? 0 : 1);
    }

    /** {@code name} as a whole word. */
    private static Pattern word(String name) {
        return Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
    }

    /** The last {@code words} words of {@code text} (all of it when shorter). */
    private static String lastWords(String text, int words) {
        int at = text.length();
        for (int seen = 0; seen < words; seen++) {
            at = text.lastIndexOf(' ', at - 1);
            if (at < 0) return text;
        }
        return text.substring(at);
    }
}
