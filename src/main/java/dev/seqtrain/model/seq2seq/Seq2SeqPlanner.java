package dev.seqtrain.model.seq2seq;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.AttentionSpec;
import dev.seqtrain.job.BidirectionalSpec;
import dev.seqtrain.job.EmbeddingSpec;
import dev.seqtrain.job.LayerSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.RecurrentSpec;
import dev.seqtrain.job.Seq2SeqSideSpec;
import dev.seqtrain.model.rnn.CellType;

import java.util.List;

/**
 * Maps {@code model.encoder} / {@code model.decoder} / {@code model.attention} onto a {@link Seq2SeqShape}, refusing
 * what the encoder-decoder cannot build with a message naming the key: both sides an embedding and then the same
 * number of recurrent layers of one cell type (decoder layer l starts from encoder layer l's final state), all
 * encoder layers of one width and all bidirectional (concat or sum) or none, the decoder unidirectional and as wide
 * as the encoder's merged state. The cells are Keras' defaults (tanh, sigmoid, GRU with reset_after).
 */
public final class Seq2SeqPlanner {
    private static final String ENCODER = "model.encoder.layers";
    private static final String DECODER = "model.decoder.layers";

    private Seq2SeqPlanner() {
    }

    /**
     * @param sourceVocabulary ids of the source tokenizer (its embedding's rows)
     * @param targetVocabulary rows of the decoder's embedding ({@code TargetSequences.inputVocabularySize()})
     */
    public static Seq2SeqShape shape(ModelSpec model, int sourceVocabulary, int targetVocabulary) {
        if (!model.isSeq2Seq() || model.decoder() == null) {
            throw new SpecException("model.encoder: required for sequence to sequence, with model.decoder");
        }
        List<LayerSpec> enc = model.encoder().layers();
        List<LayerSpec> dec = model.decoder().layers();
        EmbeddingSpec sourceEmbedding = embedding(ENCODER, enc, sourceVocabulary, "source tokenizer");
        EmbeddingSpec targetEmbedding = embedding(DECODER, dec, targetVocabulary,
                "target tokenizer with its start and end tokens");
        if (enc.size() != dec.size()) {
            throw new SpecException(DECODER + ": " + (dec.size() - 1) + " recurrent layer(s), but the encoder has "
                    + (enc.size() - 1) + "; decoder layer l starts from encoder layer l's final state, so the counts "
                    + "must be equal");
        }
        RecurrentSpec first = recurrent(ENCODER + "[1]", enc.get(1));
        StateMerge merge = merge(ENCODER + "[1]", enc.get(1));
        for (int i = 1; i < enc.size(); i++) {
            String at = ENCODER + "[" + i + "]";
            RecurrentSpec r = recurrent(at, enc.get(i));
            sameCell(at, r, first);
            if (!r.units().equals(first.units())) {
                throw new SpecException(at + ".units: every encoder layer has the same units (" + first.units()
                        + " in " + ENCODER + "[1]), got " + r.units());
            }
            if (merge(at, enc.get(i)) != merge) {
                throw new SpecException(at + ": every encoder layer is bidirectional with the same merge_mode, or "
                        + "none is, as " + ENCODER + "[1]");
            }
        }
        int stateWidth = merge == null ? first.units() : merge.width(first.units());
        for (int i = 1; i < dec.size(); i++) {
            String at = DECODER + "[" + i + "]";
            if (dec.get(i) instanceof BidirectionalSpec || dec.get(i) instanceof RecurrentSpec r && r.bidirectional()) {
                throw new SpecException(at + ": the decoder writes left to right and cannot be bidirectional");
            }
            RecurrentSpec r = recurrent(at, dec.get(i));
            sameCell(at, r, first);
            if (r.units() != stateWidth) {
                throw new SpecException(at + ".units: the decoder starts from the encoder's final state, "
                        + stateWidth + " wide" + (merge == StateMerge.CONCAT ? " (bidirectional, concat: 2 x "
                        + first.units() + ")" : "") + ", got " + r.units());
            }
        }
        return new Seq2SeqShape(cellType(first.cell()), sourceVocabulary, sourceEmbedding.outputDim(),
                targetVocabulary, targetEmbedding.outputDim(), first.units(), enc.size() - 1, merge,
                attention(model.attention()));
    }

    private static Seq2SeqAttention attention(AttentionSpec spec) {
        if (spec == null) {
            return Seq2SeqAttention.NONE;
        }
        return switch (spec.type()) {
            case LUONG -> Seq2SeqAttention.LUONG;
            case BAHDANAU -> Seq2SeqAttention.BAHDANAU;
        };
    }

    private static EmbeddingSpec embedding(String path, List<LayerSpec> layers, int vocabulary, String what) {
        if (!(layers.get(0) instanceof EmbeddingSpec e)) {
            throw new SpecException(path + "[0]: must be an embedding (token ids come in through it), got "
                    + layers.get(0).typeName());
        }
        if (e.inputDim() != null && e.inputDim() != vocabulary) {
            throw new SpecException(path + "[0].input_dim: the " + what + " has " + vocabulary + " ids, got "
                    + e.inputDim() + "; remove the key to take the tokenizer's size");
        }
        if (e.embeddingsFile() != null || !e.trainable()) {
            throw new SpecException(path + "[0]: embeddings_file and trainable: false are not built for sequence to "
                    + "sequence; remove them");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i) instanceof EmbeddingSpec) {
                throw new SpecException(path + "[" + i + "]: only the first layer is an embedding");
            }
        }
        return e;
    }

    private static RecurrentSpec recurrent(String at, LayerSpec l) {
        RecurrentSpec r = l instanceof BidirectionalSpec b && b.layer() instanceof RecurrentSpec inner ? inner
                : l instanceof RecurrentSpec plain ? plain : null;
        if (r == null) {
            throw new SpecException(at + ": must be simple_rnn, lstm or gru (optionally bidirectional), got "
                    + l.typeName());
        }
        boolean keras = r.activation().equals("tanh") && r.recurrentActivation().equals("sigmoid")
                && r.dropout() == 0 && r.recurrentDropout() == 0 && r.useBias() && r.resetAfter()
                && r.implementation() == RecurrentSpec.Implementation.ENGINE;
        if (!keras) {
            throw new SpecException(at + ": the encoder-decoder builds Keras' default cells only (activation tanh, "
                    + "recurrent_activation sigmoid, no dropout, use_bias, reset_after, implementation engine); "
                    + "remove the other settings");
        }
        return r;
    }

    /** null when {@code l} is unidirectional. */
    private static StateMerge merge(String at, LayerSpec l) {
        String mode = l instanceof BidirectionalSpec b ? b.mergeMode()
                : l instanceof RecurrentSpec r && r.bidirectional() ? r.mergeMode() : null;
        if (mode == null) return null;
        return switch (mode) {
            case "concat" -> StateMerge.CONCAT;
            case "sum" -> StateMerge.SUM;
            default -> throw new SpecException(at + ".merge_mode: the decoder starts from the joined forward and "
                    + "backward states: concat or sum, got '" + mode + "'");
        };
    }

    private static void sameCell(String at, RecurrentSpec r, RecurrentSpec first) {
        if (r.cell() != first.cell()) {
            throw new SpecException(at + ": every layer of encoder and decoder is the same cell ("
                    + first.cell().key() + " in " + ENCODER + "[1]), got " + r.cell().key());
        }
    }

    private static CellType cellType(RecurrentSpec.Cell cell) {
        return switch (cell) {
            case SIMPLE_RNN -> CellType.SIMPLE_RNN;
            case LSTM -> CellType.LSTM;
            case GRU -> CellType.GRU;
        };
    }
}
