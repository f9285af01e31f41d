package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.BidirectionalSpec;
import dev.seqtrain.job.DenseSpec;
import dev.seqtrain.job.LayerSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.ModelSpec.Loss;
import dev.seqtrain.job.RecurrentSpec;

import java.util.List;

/**
 * Decides what the last layer is for: the loss (given or inferred from the head's activation), the {@link Task},
 * and whether head, loss and data agree. A head fed a sequence is applied at every time step (Keras' Dense on 3-D
 * input), which only sequence labelling (softmax + categorical cross-entropy) trains.
 */
final class HeadRules {

    private HeadRules() {
    }

    static Head resolve(ModelSpec spec, List<LayerPlan> plans, LabelLayout labels, ModelInput input,
                        int flattenedBy, int lastSequenceRecurrent) {
        LayerPlan head = plans.get(plans.size() - 1);
        if (!(head.spec() instanceof DenseSpec d)) {
            throw new SpecException(head.path() + ": the last layer must be dense (the output layer), got "
                    + head.type() + "; add e.g. '- dense: {units: 1, activation: sigmoid}'");
        }
        String at = head.path();
        int units = d.units();
        String activation = d.activation();
        if ("softmax".equals(activation) && units == 1) {
            throw new SpecException(at + ": softmax over 1 unit always outputs 1.0; use units: 1 with activation: "
                    + "sigmoid for two classes, or units: <number of classes> with softmax");
        }
        Loss loss = spec.loss() != null ? spec.loss() : inferLoss(at, units, activation);
        checkLossFitsHead(at, loss, units, activation);
        boolean perStep = head.input().sequence();
        Task task = switch (loss) {
            case BINARY_CROSSENTROPY -> Task.BINARY;
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> perStep ? Task.TAGGING : Task.MULTICLASS;
            case MSE, MAE -> Task.REGRESSION;
        };
        if (perStep && labels == LabelLayout.PER_TOKEN && task != Task.TAGGING) {
            throw new SpecException(at + ": sequence labelling needs activation: softmax with "
                    + "categorical_crossentropy on the last layer, got activation: " + activation + " with " + loss);
        }
        if (perStep && (task != Task.TAGGING || labels == LabelLayout.PER_SEQUENCE)) {
            String model = task == Task.REGRESSION ? "regression" : "binary/multi-class";
            String hint = lastSequenceRecurrent >= 0
                    ? "set return_sequences: false on " + recurrentKey(spec, lastSequenceRecurrent)
                    + " or add global_average_pooling1d"
                    : "add global_average_pooling1d (or a recurrent layer with return_sequences: false) before it";
            throw new SpecException(at + ": dense fed a sequence " + head.input() + " cannot be the head of a "
                    + model + " model; " + hint);
        }
        if (!perStep && labels == LabelLayout.PER_TOKEN) {
            throw new SpecException(at + ": sequence labelling needs one prediction per token, but dense gets "
                    + head.input() + " from model.layers[" + (head.index() - 1) + "]; "
                    + sequenceHint(spec, flattenedBy));
        }
        if (input != null) checkClasses(at, task, units, input.numClasses());
        return new Head(head.index(), task, loss, units, perStep);
    }

    private static Loss inferLoss(String at, int units, String activation) {
        switch (activation) {
            case "sigmoid":
                if (units == 1) return Loss.BINARY_CROSSENTROPY;
                throw new SpecException(at + ": a sigmoid head with " + units + " units is multi-label "
                        + "classification, which seqtrain does not train; use units: 1 (binary) or activation: "
                        + "softmax (multi-class)");
            case "softmax":
                return Loss.CATEGORICAL_CROSSENTROPY;
            case "linear":
                return Loss.MSE;
            default:
                throw new SpecException("model.loss: cannot infer the loss from a " + activation + " head (" + at
                        + "); set model.loss: binary_crossentropy (1 sigmoid unit), categorical_crossentropy "
                        + "(softmax) or mse/mae (regression)");
        }
    }

    private static void checkLossFitsHead(String at, Loss loss, int units, String activation) {
        switch (loss) {
            case BINARY_CROSSENTROPY -> {
                if (!"sigmoid".equals(activation) || units != 1) {
                    throw new SpecException("model.loss: binary_crossentropy needs a last layer of 1 unit with "
                            + "activation: sigmoid, but " + at + " has units: " + units + ", activation: "
                            + activation);
                }
            }
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> {
                if (!"softmax".equals(activation)) {
                    throw new SpecException("model.loss: " + loss + " needs activation: softmax on the last layer, "
                            + "but " + at + " has activation: " + activation
                            + (units == 1 ? " (for two classes use binary_crossentropy)" : ""));
                }
            }
            case MSE, MAE -> {
                if ("softmax".equals(activation)) {
                    throw new SpecException("model.loss: " + loss + " is a regression loss, but " + at
                            + " has activation: softmax; use categorical_crossentropy for classes");
                }
                if (units != 1) {
                    throw new SpecException(at + ".units: regression predicts one value per sequence: set units: 1, "
                            + "got " + units);
                }
            }
        }
    }

    private static void checkClasses(String at, Task task, int units, int numClasses) {
        if (numClasses <= 0) return;
        if (task == Task.BINARY && numClasses > 2) {
            throw new SpecException(at + ": the data has " + numClasses + " classes but the last layer is binary "
                    + "(1 sigmoid unit); use units: " + numClasses + ", activation: softmax");
        }
        if ((task == Task.MULTICLASS || task == Task.TAGGING) && units != numClasses) {
            throw new SpecException(at + ".units: the data has " + numClasses + (task == Task.TAGGING ? " tags" : " classes")
                    + " but the softmax has " + units + " units; set units: " + numClasses);
        }
    }

    /** What to change so that a sequence reaches the layers above {@code flattenedBy}. */
    static String sequenceHint(ModelSpec spec, int flattenedBy) {
        if (flattenedBy < 0) return "feed it the output of a recurrent layer with return_sequences: true";
        LayerSpec l = spec.layers().get(flattenedBy);
        if (l instanceof RecurrentSpec || l instanceof BidirectionalSpec) {
            return "set return_sequences: true on " + recurrentKey(spec, flattenedBy);
        }
        return "model.layers[" + flattenedBy + "] (" + l.typeName() + ") already reduced the sequence to a vector; "
                + "move it above this layer";
    }

    /** The key that holds {@code return_sequences} for a recurrent layer: inside {@code layer} for the wrapper. */
    private static String recurrentKey(ModelSpec spec, int index) {
        String path = "model.layers[" + index + "]";
        return spec.layers().get(index) instanceof BidirectionalSpec ? path + ".layer" : path;
    }
}
