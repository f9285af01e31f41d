package dev.seqtrain.train;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.prepare.PreparedData;

/**
 * Whether prepared data suits a model: token ids for an embedding, numeric sequences of {@code model.input}'s shape
 * otherwise, and regression targets exactly for a regression head. Prepared data made for another spec (a
 * {@code --set} between prepare and train) fails here with what to do, not deep inside DL4J.
 */
final class PreparedFit {
    private PreparedFit() {
    }

    static void check(ModelPlan plan, PreparedData prepared) {
        String again = "; run 'seqtrain prepare' again for this model";
        boolean numeric = !prepared.kind().tokenInput();
        if (plan.tokenInput() && numeric) {
            throw new SpecException("model.layers[0]: the prepared data in " + prepared.dir() + " holds numeric "
                    + "sequences, but the model starts with an embedding (token ids)" + again);
        }
        if (!plan.tokenInput() && !numeric) {
            throw new SpecException("model.input: the prepared data in " + prepared.dir() + " holds token ids, but "
                    + "the model reads numeric sequences" + again);
        }
        if (!plan.tokenInput()) {
            Integer timesteps = plan.spec().input().timesteps();
            if (timesteps == null) {
                throw new SpecException("model.input.timesteps: required to train on numeric data; the prepared data"
                        + " in " + prepared.dir() + " has timesteps " + prepared.maxlen());
            }
            if (timesteps != prepared.maxlen() || plan.inputFeatures() != prepared.features()) {
                throw new SpecException("model.input: the prepared data in " + prepared.dir() + " holds timesteps "
                        + prepared.maxlen() + " x features " + prepared.features() + ", the model expects timesteps "
                        + timesteps + " x features " + plan.inputFeatures() + again);
            }
        }
        boolean targets = prepared.labels().regressionTargets();
        if (targets != (plan.task() == Task.REGRESSION)) {
            throw new SpecException("model.loss: the prepared data in " + prepared.dir() + " holds "
                    + (targets ? "regression targets" : "class labels") + ", but the model is "
                    + (targets ? "a classifier (" : "a regression (") + plan.loss() + ")" + again);
        }
    }
}
