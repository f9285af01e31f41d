package dev.seqtrain.text;

import java.util.Arrays;

/**
 * Distinct tokens numbered 0, 1, 2, ... in the order they were added, looked up by a range of a string so the hot
 * loops never make a substring per token: an open-addressing table over primitive arrays (hash and entry packed in one
 * {@code long}), load at most 1/2. Not thread-safe while adding; lookups of a filled table may run concurrently.
 */
final class TokenTable {
    /** Per slot: the token's hash in the upper 32 bits, its entry + 1 below; 0 = empty. */
    private long[] slots = new long[1 << 10];
    private String[] tokens = new String[1 << 9];
    private int size;

    /** A table of {@code tokens}, entry i = tokens[i]. */
    static TokenTable of(String[] tokens) {
        TokenTable t = new TokenTable();
        for (String token : tokens) t.add(token, 0, token.length());
        return t;
    }

    int size() {
        return size;
    }

    String token(int entry) {
        return tokens[entry];
    }

    /** The entry of {@code s[start, end)}, or -1. */
    int find(String s, int start, int end) {
        int hash = hash(s, start, end);
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) return -1;
            if (matches(slot, hash, s, start, end)) return (int) slot - 1;
        }
    }

    /** The entry of {@code s[start, end)}, added as entry {@link #size()} (before the call) when absent. */
    int add(String s, int start, int end) {
        int hash = hash(s, start, end);
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) return insert(i, hash, s.substring(start, end));
            if (matches(slot, hash, s, start, end)) return (int) slot - 1;
        }
    }

    private boolean matches(long slot, int hash, String s, int start, int end) {
        if ((int) (slot >>> 32) != hash) return false;
        String t = tokens[(int) slot - 1];
        int len = end - start;
        return t.length() == len && t.regionMatches(0, s, start, len);
    }

    private int insert(int slot, int hash, String token) {
        int e = size++;
        if (e == tokens.length) tokens = Arrays.copyOf(tokens, e * 2);
        tokens[e] = token;
        slots[slot] = ((long) hash << 32) | (e + 1);
        if (size * 2 > slots.length) grow();
        return e;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long slot : old) {
            if (slot == 0) continue;
            int i = mix((int) (slot >>> 32)) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = slot;
        }
    }

    /** {@link String#hashCode} of the range, without making the substring. */
    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + s.charAt(i);
        return h;
    }

    /** Spreads the bits: String hashes of short tokens cluster in a narrow range. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
