package storylab.data.world;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence pattern compiled once into literal text and slot references, so that filling it is a few
 * appends. {@code {a}}/{@code {A}} become article placeholders; a slot written with a capital first letter
 * ({@code {He}}, {@code {h.His}}) capitalises its value.
 */
final class Template {

    private final String source;
    private final String[] literals; // literals[i] precedes slots[i]; one more literal than slots
    private final Slot[] slots;
    private final boolean[] capital;

    private Template(String source, String[] literals, Slot[] slots, boolean[] capital) {
        this.source = source;
        this.literals = literals;
        this.slots = slots;
        this.capital = capital;
    }

    static Template compile(String source) {
        List<String> literals = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        List<Boolean> capital = new ArrayList<>();
        var lit = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c != '{') {
                lit.append(c);
                i++;
                continue;
            }
            int close = source.indexOf('}', i);
            if (close < 0) throw new IllegalArgumentException("unclosed { in template: " + source);
            String name = source.substring(i + 1, close);
            i = close + 1;
            if (name.equals("a")) { lit.append(English.A_LOWER); continue; }
            if (name.equals("A")) { lit.append(English.A_UPPER); continue; }
            Slot slot = Slot.of(name);
            boolean cap = false;
            if (slot == null) {
                int at = name.startsWith("h.") ? 2 : 0;
                if (name.length() > at && Character.isUpperCase(name.charAt(at))) {
                    slot = Slot.of(name.substring(0, at) + Character.toLowerCase(name.charAt(at)) + name.substring(at + 1));
                    cap = true;
                }
            }
            if (slot == null) throw new IllegalArgumentException("unknown slot {" + name + "} in template: " + source);
            literals.add(lit.toString());
            lit.setLength(0);
            slots.add(slot);
            capital.add(cap);
        }
        literals.add(lit.toString());
        boolean[] caps = new boolean[capital.size()];
        for (int k = 0; k < caps.length; k++) caps[k] = capital.get(k);
        return new Template(source, literals.toArray(String[]::new), slots.toArray(Slot[]::new), caps);
    }

    void fill(String[] values, StringBuilder out) {
        for (int k = 0; k < slots.length; k++) {
            out.append(literals[k]);
            String v = values[slots[k].ordinal()];
            if (v == null) throw new IllegalStateException("slot {" + slots[k].key + "} has no value yet in: " + source);
            if (capital[k] && !v.isEmpty()) {
                char c = v.charAt(0);
                out.append(c == English.A_LOWER ? English.A_UPPER : Character.toUpperCase(c)).append(v, 1, v.length());
            } else {
                out.append(v);
            }
        }
        out.append(literals[slots.length]);
    }

    /** The filled text, article placeholders kept (they are resolved once the whole story is written). */
    String fill(String[] values) {
        var sb = new StringBuilder(source.length() + 32);
        fill(values, sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
