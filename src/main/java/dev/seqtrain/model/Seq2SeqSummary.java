package dev.seqtrain.model;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.seq2seq.Seq2SeqAttention;
import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code model.summary()} of the Keras functional model equivalent to an encoder-decoder, as tf.keras 2.9 to 2.12
 * print it. The equivalent model: {@code encoder_input} and {@code decoder_input} ({@code Input(shape=(steps,))}),
 * {@code encoder_embedding} and {@code decoder_embedding} ({@code Embedding(vocabulary, dim, mask_zero=True)}),
 * encoder layers {@code encoder_1..} ({@code return_state=True}, {@code return_sequences=True} where a later layer
 * or the attention reads them; {@code Bidirectional} when bidirectional), for a bidirectional encoder each final
 * state's halves joined ({@code Concatenate} or {@code Add}: {@code encoder_1_state}, or {@code encoder_1_h} and
 * {@code encoder_1_c} for an LSTM), decoder layers {@code decoder_1..} ({@code return_sequences=True}) started with
 * {@code initial_state} from encoder layer l, a custom {@code LuongAttention} layer ({@code attention}: weights
 * {@code Wa} [decoder units, encoder width] and {@code Wc} [encoder width + decoder units, decoder units], no bias;
 * Keras has no built-in Luong "general" attention), and {@code output}, {@code Dense(classes, softmax)}.
 * Rows come in Keras' order ({@code Functional._map_graph_network}): deepest first (longest path to the output), ties
 * by first visit of a depth-first walk from the output through each layer's inputs in call order.
 */
final class Seq2SeqSummary {
    static final String MODEL_NAME = "model";

    /** A layer called once: Keras' row fields, and its inbound tensors as (layer, output index). */
    private record Layer(String name, String kerasClass, String outputShape, long params, List<Tensor> inputs) {
    }

    private record Tensor(Layer layer, int index) {
        @Override
        public String toString() {
            return "'" + layer.name() + "[0][" + index + "]'";
        }
    }

    private Seq2SeqSummary() {
    }

    static String format(Seq2SeqShape shape, int sourceSteps, int targetSteps, int classes) {
        String cell = kerasClass(shape.cell());
        int statesPerDirection = shape.cell() == CellType.LSTM ? 2 : 1;
        int encoderWidth = shape.decoderUnits(); // a bidirectional encoder's merged width equals the decoder's units

        Layer encoderInput = layer("encoder_input", "InputLayer", "[(None, " + sourceSteps + ")]", 0, List.of());
        Layer source = layer("encoder_embedding", "Embedding", shape3(sourceSteps, shape.sourceEmbedding()),
                (long) shape.sourceVocabulary() * shape.sourceEmbedding(), List.of(new Tensor(encoderInput, 0)));
        long in = shape.sourceEmbedding();
        List<List<Tensor>> encoderStates = new ArrayList<>();
        Layer encoder = null;
        for (int l = 0; l < shape.layers(); l++) {
            boolean sequences = l < shape.layers() - 1 || shape.hasAttention();
            String out = sequences ? shape3(sourceSteps, encoderWidth) : shape2(encoderWidth);
            int directions = shape.bidirectional() == null ? 1 : 2;
            List<String> shapes = new ArrayList<>(List.of(out));
            for (int s = 0; s < directions * statesPerDirection; s++) shapes.add(shape2(shape.units()));
            encoder = layer("encoder_" + (l + 1), directions == 1 ? cell : "Bidirectional",
                    "[" + String.join(", ", shapes) + "]", directions * cellParams(shape.cell(), in, shape.units()),
                    List.of(new Tensor(l == 0 ? source : encoder, 0)));
            List<Tensor> states = new ArrayList<>();
            for (int s = 0; s < statesPerDirection; s++) {
                Tensor forward = new Tensor(encoder, 1 + s);
                if (directions == 1) {
                    states.add(forward);
                    continue;
                }
                String suffix = statesPerDirection == 1 ? "_state" : s == 0 ? "_h" : "_c";
                Tensor backward = new Tensor(encoder, 1 + statesPerDirection + s);
                Layer merged = layer("encoder_" + (l + 1) + suffix,
                        shape.bidirectional() == StateMerge.CONCAT ? "Concatenate" : "Add", shape2(encoderWidth), 0,
                        List.of(forward, backward));
                states.add(new Tensor(merged, 0));
            }
            encoderStates.add(states);
            in = encoderWidth;
        }

        int units = shape.decoderUnits();
        Layer decoderInput = layer("decoder_input", "InputLayer", "[(None, " + targetSteps + ")]", 0, List.of());
        Layer decoder = layer("decoder_embedding", "Embedding", shape3(targetSteps, shape.targetEmbedding()),
                (long) shape.targetVocabulary() * shape.targetEmbedding(), List.of(new Tensor(decoderInput, 0)));
        in = shape.targetEmbedding();
        for (int l = 0; l < shape.layers(); l++) {
            List<Tensor> inputs = new ArrayList<>(List.of(new Tensor(decoder, 0)));
            inputs.addAll(encoderStates.get(l));
            decoder = layer("decoder_" + (l + 1), cell, shape3(targetSteps, units),
                    cellParams(shape.cell(), in, units), inputs);
            in = units;
        }
        if (shape.hasAttention()) {
            decoder = layer("attention", attentionClass(shape.attention()), shape3(targetSteps, units),
                    attentionScoreParams(shape.attention(), encoderWidth, units) + (long) (encoderWidth + units) * units,
                    List.of(new Tensor(decoder, 0), new Tensor(encoder, 0)));
        }
        Layer output = layer("output", "Dense", shape3(targetSteps, classes), (long) units * classes + classes,
                List.of(new Tensor(decoder, 0)));

        List<String[]> rows = new ArrayList<>();
        long total = 0;
        for (Layer l : kerasOrder(output)) {
            List<String> connected = l.inputs().stream().map(Tensor::toString).toList();
            rows.add(new String[] {l.name() + " (" + l.kerasClass() + ")", l.outputShape(), Long.toString(l.params()),
                "[" + String.join(", ", connected) + "]"});
            total += l.params();
        }
        return KerasSummary.formatFunctional(MODEL_NAME, rows, total);
    }

    /** A custom layer's class name: Keras has neither Luong's "general" score nor this attentional output built in. */
    private static String attentionClass(Seq2SeqAttention attention) {
        return attention == Seq2SeqAttention.LUONG ? "LuongAttention" : "BahdanauAttention";
    }

    /**
     * The score's weights: Luong's Wa [units, encoder width]; Bahdanau's W1 [encoder width, units], W2 [units, units],
     * one bias [units] and v [units]. The attentional output Wc [encoder width + units, units] comes on top.
     */
    private static long attentionScoreParams(Seq2SeqAttention attention, long encoderWidth, long units) {
        return switch (attention) {
            case NONE -> 0;
            case LUONG -> units * encoderWidth;
            case BAHDANAU -> encoderWidth * units + units * units + 2 * units;
        };
    }

    /** Keras' {@code layer.count_params()} of one direction of a recurrent layer (GRU: reset_after, two biases). */
    static long cellParams(CellType cell, long in, long units) {
        long gates = cell.gates();
        long biases = cell == CellType.GRU ? 2 : 1;
        return gates * (in * units + units * units + biases * units);
    }

    /** Layers by decreasing depth, ties in the order a depth-first walk from the output first visits them. */
    private static List<Layer> kerasOrder(Layer output) {
        Map<Layer, Integer> visited = new LinkedHashMap<>();
        List<Layer> postOrder = new ArrayList<>();
        walk(output, visited, postOrder);
        Map<Layer, Integer> depth = new HashMap<>();
        for (int i = postOrder.size() - 1; i >= 0; i--) { // every consumer before its inputs
            Layer l = postOrder.get(i);
            int d = depth.getOrDefault(l, 0);
            for (Tensor t : l.inputs()) depth.merge(t.layer(), d + 1, Math::max);
        }
        List<Layer> out = new ArrayList<>(visited.keySet());
        out.sort(Comparator.comparing((Layer l) -> -depth.getOrDefault(l, 0)).thenComparing(visited::get));
        return out;
    }

    private static void walk(Layer l, Map<Layer, Integer> visited, List<Layer> postOrder) {
        if (visited.containsKey(l)) return;
        visited.put(l, visited.size());
        for (Tensor t : l.inputs()) walk(t.layer(), visited, postOrder);
        postOrder.add(l);
    }

    private static Layer layer(String name, String kerasClass, String shape, long params, List<Tensor> inputs) {
        return new Layer(name, kerasClass, shape, params, inputs);
    }

    private static String kerasClass(CellType cell) {
        return switch (cell) {
            case SIMPLE_RNN -> "SimpleRNN";
            case LSTM -> "LSTM";
            case GRU -> "GRU";
        };
    }

    private static String shape2(long width) {
        return "(None, " + width + ")";
    }

    private static String shape3(long steps, long width) {
        return "(None, " + steps + ", " + width + ")";
    }
}
