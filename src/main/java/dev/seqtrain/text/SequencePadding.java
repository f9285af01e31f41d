package dev.seqtrain.text;

import dev.seqtrain.job.SequenceEnd;

import java.util.Arrays;

/** Keras {@code pad_sequences} for one sequence. */
public final class SequencePadding {
    private SequencePadding() {
    }

    /**
     * Pads or truncates {@code seq} to {@code maxlen}. {@code truncating} PRE keeps the last {@code maxlen} ids,
     * POST the first; {@code padding} PRE puts {@code value} before the ids, POST after.
     *
     * @return a new array of length {@code maxlen}
     * @throws IllegalArgumentException for a negative maxlen
     */
    public static int[] pad(int[] seq, int maxlen, SequenceEnd padding, SequenceEnd truncating, int value) {
        boolean padPre = isPre(padding);
        boolean truncatePre = isPre(truncating);
        if (maxlen < 0) {
            throw new IllegalArgumentException("maxlen must be >= 0, got " + maxlen);
        }
        int[] out = new int[maxlen];
        Kept k = kept(seq.length, maxlen, padPre, truncatePre);
        if (value != 0) {
            Arrays.fill(out, value);
        }
        System.arraycopy(seq, k.firstItem(), out, k.firstSlot(), k.count());
        return out;
    }

    /**
     * Which items of a sequence of {@code length} survive {@link #pad} and where they land: items
     * {@code firstItem .. firstItem + count - 1} fill slots {@code firstSlot .. firstSlot + count - 1}; the other
     * {@code length - count} items are cut by truncation. Lets a caller map per-slot outputs back to its items.
     */
    public record Kept(int firstItem, int firstSlot, int count) {
    }

    /** Where {@link #pad} puts the items of a sequence of {@code length} (same arguments, same checks). */
    public static Kept kept(int length, int maxlen, SequenceEnd padding, SequenceEnd truncating) {
        boolean padPre = isPre(padding);
        boolean truncatePre = isPre(truncating);
        if (maxlen < 0) {
            throw new IllegalArgumentException("maxlen must be >= 0, got " + maxlen);
        }
        return kept(length, maxlen, padPre, truncatePre);
    }

    private static Kept kept(int length, int maxlen, boolean padPre, boolean truncatePre) {
        int kept = Math.min(length, maxlen);
        return new Kept(truncatePre ? length - kept : 0, padPre ? maxlen - kept : 0, kept);
    }

    private static boolean isPre(SequenceEnd end) {
        return switch (end) {
            case PRE -> true;
            case POST -> false;
        };
    }
}
