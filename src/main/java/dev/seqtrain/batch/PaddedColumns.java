package dev.seqtrain.batch;

/**
 * The one padding rule of token batches: which columns of the {@code maxlen}-padded rows a batch keeps, and what a row
 * with no real token sees. {@code fixed}: all {@code maxlen} columns. {@code dynamic}: the columns from the first to the
 * last one that holds a real token in some row, i.e. the last L columns of pre-padded rows and the first L of
 * post-padded ones, L being the batch's longest member; at least one column.
 *
 * @param start the padded column the batch's first column holds
 * @param width the batch's time steps
 */
public record PaddedColumns(int start, int width) {

    /**
     * {@code [firstReal, endReal)}: the span of columns holding a real token in some row of the batch (empty when
     * {@code endReal <= firstReal}).
     */
    public static PaddedColumns of(int maxlen, int firstReal, int endReal, boolean dynamic, boolean prePadded) {
        if (!dynamic) return new PaddedColumns(0, maxlen);
        if (endReal <= firstReal) return new PaddedColumns(prePadded ? maxlen - 1 : 0, 1);
        return new PaddedColumns(firstReal, endReal - firstReal);
    }

    /**
     * The batch column a row with no real token is shown (one padding step, id 0), so that its mask is not all zeros,
     * which DL4J's last-time-step and pooling layers cannot take: the step next to where its tokens would be, the same
     * padded column whatever the width, so fixed and dynamic padding agree on such rows.
     */
    public int emptyRowStep(boolean prePadded) {
        return prePadded ? width - 1 : 0;
    }
}
