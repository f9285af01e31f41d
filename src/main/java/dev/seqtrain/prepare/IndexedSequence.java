package dev.seqtrain.prepare;

import java.io.Serializable;

/**
 * One indexed document as a Java bean, so Spark's bean encoder writes {@code ids} straight from the {@code int[]}
 * into its binary row format; a generic {@code Row} would box every id into an {@code Integer} first (maxlen
 * objects per document, the largest source of garbage in prepare).
 */
public final class IndexedSequence implements Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private int[] ids;
    private int length;
    private int label;
    private int oov;

    public IndexedSequence() {
    }

    IndexedSequence(String id, int[] ids, int length, int label, int oov) {
        this.id = id;
        this.ids = ids;
        this.length = length;
        this.label = label;
        this.oov = oov;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public int[] getIds() {
        return ids;
    }

    public void setIds(int[] ids) {
        this.ids = ids;
    }

    public int getLength() {
        return length;
    }

    public void setLength(int length) {
        this.length = length;
    }

    public int getLabel() {
        return label;
    }

    public void setLabel(int label) {
        this.label = label;
    }

    public int getOov() {
        return oov;
    }

    public void setOov(int oov) {
        this.oov = oov;
    }
}
