package dev.seqtrain.model.rnn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's direct OpenBLAS products against ND4J's own {@code mmul}, on the operands the engine passes: step blocks
 * (views at an offset), gate-column blocks (row stride wider than the row), transposes, and beta 1 accumulation.
 */
class GemmTest {

    @Test
    void directProductsEqualNd4jsOnTheEnginesViews() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(5);
            INDArray states = Nd4j.rand(type, 4 * 6, 5);               // 4 steps of mb 6, u 5
            INDArray step = states.get(NDArrayIndex.interval(12, 18), NDArrayIndex.all());
            INDArray kernel = Nd4j.rand(type, 5, 15);
            INDArray gates = Nd4j.rand(type, 4 * 6, 15);
            INDArray stepGates = gates.get(NDArrayIndex.interval(6, 12), NDArrayIndex.all());
            INDArray columns = stepGates.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 10));
            for (INDArray operand : new INDArray[] {step, stepGates, columns, kernel}) {
                assertTrue(Gemm.leading(operand) > 0, "direct path for " + operand.shapeInfoToString());
            }

            // h_s · U into a step block, accumulating (beta 1)
            INDArray expected = stepGates.add(step.mmul(kernel));
            Gemm.gemm(step, kernel, stepGates, false, false, 1.0);
            assertTrue(expected.equalsWithEps(stepGates, 1e-5), type + " h·U + G");

            // dG · Uᵀ from a column block, overwriting (beta 0)
            INDArray out = Nd4j.rand(type, 6, 5);
            INDArray blockKernel = kernel.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 10));
            Gemm.gemm(columns, blockKernel, out, false, true, 0.0);
            assertTrue(columns.mmul(blockKernel.transpose()).equalsWithEps(out, 1e-5), type + " dG·Uᵀ");

            // Hᵀ · dG over all steps
            INDArray dKernel = Nd4j.rand(type, 5, 15);
            Gemm.gemm(states, gates, dKernel, true, false, 0.0);
            assertTrue(states.transpose().mmul(gates).equalsWithEps(dKernel, 1e-4), type + " Hᵀ·dG");
        }
    }
}
