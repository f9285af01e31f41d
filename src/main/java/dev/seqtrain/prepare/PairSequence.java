package dev.seqtrain.prepare;

import java.io.Serializable;

/**
 * One indexed pair as a Java bean (see {@link IndexedSequence} for why a bean): the padded source ids, the decoder's
 * input and output, both lengths, and {@code reason}, set when the pair is rejected (then the arrays are empty).
 */
public final class PairSequence implements Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private int[] ids;
    private int length;
    private int[] decoderInput;
    private int[] decoderOutput;
    private int targetLength;
    private int oov;
    private String reason;

    public PairSequence() {
    }

    static PairSequence good(String id, int[] ids, int length, int[] decoderInput, int[] decoderOutput,
                             int targetLength, int oov) {
        PairSequence p = new PairSequence();
        p.id = id;
        p.ids = ids;
        p.length = length;
        p.decoderInput = decoderInput;
        p.decoderOutput = decoderOutput;
        p.targetLength = targetLength;
        p.oov = oov;
        return p;
    }

    static PairSequence rejected(String id, String reason) {
        PairSequence p = good(id, new int[0], 0, new int[0], new int[0], 0, 0);
        p.reason = reason;
        return p;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public int[] getIds() { return ids; }
    public void setIds(int[] ids) { this.ids = ids; }
    public int getLength() { return length; }
    public void setLength(int length) { this.length = length; }
    public int[] getDecoderInput() { return decoderInput; }
    public void setDecoderInput(int[] decoderInput) { this.decoderInput = decoderInput; }
    public int[] getDecoderOutput() { return decoderOutput; }
    public void setDecoderOutput(int[] decoderOutput) { this.decoderOutput = decoderOutput; }
    public int getTargetLength() { return targetLength; }
    public void setTargetLength(int targetLength) { this.targetLength = targetLength; }
    public int getOov() { return oov; }
    public void setOov(int oov) { this.oov = oov; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
