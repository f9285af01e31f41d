package dev.seqtrain.model.seq2seq;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/** NumPy-style broadcasting element-wise ops (either operand may broadcast) into a given result. */
final class Broadcast {

    private Broadcast() {
    }

    /** {@code result = x + y}, the shapes broadcast to {@code result}'s. */
    static INDArray add(INDArray x, INDArray y, INDArray result) {
        Nd4j.exec(new AddOp(new INDArray[] {x, y}, new INDArray[] {result}));
        return result;
    }

    /** {@code result = x - y}. */
    static INDArray sub(INDArray x, INDArray y, INDArray result) {
        Nd4j.exec(new SubOp(new INDArray[] {x, y}, new INDArray[] {result}));
        return result;
    }

    /** {@code result = x / y}. */
    static INDArray div(INDArray x, INDArray y, INDArray result) {
        Nd4j.exec(new DivOp(new INDArray[] {x, y}, new INDArray[] {result}));
        return result;
    }
}
