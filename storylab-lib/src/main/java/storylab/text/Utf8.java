package storylab.text;

import java.io.ByteArrayOutputStream;

/**
 * UTF-8 that round-trips every Java string: an unpaired surrogate is written as its own three-byte sequence
 * (as WTF-8 does) instead of being replaced by '?', and decoding puts it back. Bytes that are not UTF-8 at
 * all (a model may sample any byte) decode to U+FFFD.
 */
final class Utf8 {

    private Utf8() {}

    static void encode(CharSequence s, int start, int end, ByteArrayOutputStream out) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) cp = Character.toCodePoint(c, s.charAt(++i));
            if (cp < 0x80) out.write(cp);
            else if (cp < 0x800) { out.write(0xC0 | cp >> 6); out.write(0x80 | cp & 0x3F); }
            else if (cp < 0x10000) { out.write(0xE0 | cp >> 12); out.write(0x80 | cp >> 6 & 0x3F); out.write(0x80 | cp & 0x3F); }
            else { out.write(0xF0 | cp >> 18); out.write(0x80 | cp >> 12 & 0x3F); out.write(0x80 | cp >> 6 & 0x3F); out.write(0x80 | cp & 0x3F); }
        }
    }

    static byte[] encode(CharSequence s) {
        var out = new ByteArrayOutputStream(s.length() + 8);
        encode(s, 0, s.length(), out);
        return out.toByteArray();
    }

    static String decode(byte[] b, int n) {
        var sb = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            int x = b[i] & 0xFF;
            int len = x < 0x80 ? 1 : x >= 0xF0 && x < 0xF5 ? 4 : x >= 0xE0 ? 3 : x >= 0xC2 && x < 0xE0 ? 2 : 0;
            if (len == 0 || i + len > n) { sb.append('\uFFFD'); i++; continue; }
            int cp = len == 1 ? x : len == 2 ? x & 0x1F : len == 3 ? x & 0x0F : x & 0x07;
            boolean ok = true;
            for (int k = 1; k < len; k++) {
                int y = b[i + k] & 0xFF;
                if ((y & 0xC0) != 0x80) { ok = false; break; }
                cp = cp << 6 | y & 0x3F;
            }
            int min = len == 2 ? 0x80 : len == 3 ? 0x800 : len == 4 ? 0x10000 : 0;
            if (!ok || cp < min || cp > 0x10FFFF) { sb.append('\uFFFD'); i++; continue; }
            sb.appendCodePoint(cp); // a lone surrogate (ED A0..BF xx) comes back as that char
            i += len;
        }
        return sb.toString();
    }
}
