package dev.seqtrain.text;

import java.util.Arrays;

/** Keras {@code pad_sequences} for one sequence. */
public final class SequencePadding {
    private SequencePadding() {
    }

    /**
     * Pads or truncates {@code seq} to {@code maxlen}. {@code truncating} "pre" keeps the last {@code maxlen} ids,
     * "post" the first; {@code padding} "pre" puts {@code value} before the ids, "post" after.
     *
     * @return a new array of length {@code maxlen}
     * @throws IllegalArgumentException for a negative maxlen or padding/truncating other than "pre"/"post"
     */
    public static int[] pad(int[] seq, int maxlen, String padding, String truncating, int value) {
        boolean padPre = isPre(padding, "padding");
        boolean truncatePre = isPre(truncating, "truncating");
        if (maxlen < 0) {
            throw new IllegalArgumentException("maxlen must be >= 0, got " + maxlen);
        }
        int[] out = new int[maxlen];
        int kept = Math.min(seq.length, maxlen);
        int from = truncatePre ? seq.length - kept : 0;
        int to = padPre ? maxlen - kept : 0;
        if (value != 0) {
            Arrays.fill(out, value);
        }
        System.arraycopy(seq, from, out, to, kept);
        return out;
    }

    private static boolean isPre(String mode, String name) {
        if ("pre".equals(mode)) {
            return true;
        }
        if ("post".equals(mode)) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be 'pre' or 'post', got '" + mode + "'");
    }
}
