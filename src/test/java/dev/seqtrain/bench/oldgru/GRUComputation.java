package dev.seqtrain.bench.oldgru;

import dev.seqtrain.model.gru.GRU;
import dev.seqtrain.model.gru.GRUParamInitializer;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GRU equations over a minibatch of sequences: the forward pass with per-step matrix products and its
 * hand-derived backward pass (backpropagation through time). Inputs, outputs and gradients are column-major
 * [minibatch, features, time] arrays.
 *
 * <p>The equations are those of Keras' {@code GRUCell.call} (keras-team/keras, keras/src/layers/rnn/gru.py,
 * implementation 2), with kernel W, recurrent kernel U, input bias b and recurrent bias rb (Keras' bias rows 0 and 1),
 * gate blocks z (update), r (reset), h (candidate):
 * <pre>
 *   x_z, x_r, x_h = x W + b
 *   reset_after=True:   inner = h U + rb
 *                       z = σ(x_z + inner_z),  r = σ(x_r + inner_r),  hh = tanh(x_h + r ⊙ inner_h)
 *   reset_after=False:  z = σ(x_z + h U_z),    r = σ(x_r + h U_r),    hh = tanh(x_h + (r ⊙ h) U_h)
 *   h' = z ⊙ h + (1 - z) ⊙ hh
 * </pre>
 * Masking follows Keras: at a padded step an example's state is carried over unchanged. It is done by forcing z = 1
 * for padded examples, which gives h' = h exactly and a zero gradient for every gate there.
 */
final class GRUComputation {

    private final boolean resetAfter;
    private final boolean hasBias;
    private final IActivation activation;
    private final IActivation gateActivation;
    private final ActivationDerivative activationDerivative;
    private final ActivationDerivative gateDerivative;

    private GRUBuffers buffers;
    /** Steps of the last forward pass (the buffers may hold more). */
    private int steps;
    private StepMask mask;
    private boolean hasInitialState;

    GRUComputation(GRU conf) {
        this.resetAfter = conf.isResetAfter();
        this.hasBias = conf.isHasBias();
        this.activation = conf.getActivationFn();
        this.gateActivation = conf.getGateActivationFn();
        this.activationDerivative = ActivationDerivative.of(activation);
        this.gateDerivative = ActivationDerivative.of(gateActivation);
    }

    /**
     * Runs the forward pass and keeps what the backward pass needs.
     *
     * @param input [mb, nIn, T]; each step's [mb, nIn] slice must have a unit stride (BLAS reads it in place)
     * @param initialState [mb, u] state before the first step, or null for zeros
     * @param mask the feature mask, or null
     */
    void forward(INDArray input, GRUParams params, INDArray initialState, StepMask mask, boolean training) {
        long minibatch = input.size(0);
        int steps = (int) input.size(2);
        this.steps = steps;
        boolean keepPre = activationDerivative.needsPreActivation() || gateDerivative.needsPreActivation();
        if (buffers == null || !buffers.fits(minibatch, steps, input.dataType(), keepPre)) {
            buffers = new GRUBuffers(minibatch, params.units(), steps, input.dataType(), keepPre);
        }
        this.mask = mask;
        this.hasInitialState = initialState != null;
        GRUBuffers b = buffers;
        if (hasInitialState) {
            b.initialState.assign(initialState);
        }
        fillBiases(params);
        INDArray kernel = params.kernel();
        INDArray recurrentUpdateAndReset = params.recurrentUpdateAndReset();
        INDArray recurrentCandidate = params.recurrentCandidate();
        double keepFilled = hasBias ? 1.0 : 0.0;

        for (int t = 0; t < steps; t++) {
            INDArray previous = previousState(t);
            if (mask != null && mask.allPadding(t)) {
                carryOver(previous, b.states[t]);
                continue;
            }
            INDArray h = b.states[t];
            INDArray hh = b.candidate[t];
            INDArray q = b.recurrentCandidate[t];

            Ops.gemm(input.get(all(), all(), point(t)), kernel, b.gates[t], false, false, keepFilled);
            if (previous != null) {
                Ops.gemm(previous, recurrentUpdateAndReset, b.updateAndReset[t], false, false, 1.0);
            }
            keepPre(b.preUpdateAndReset, t, b.updateAndReset[t]);
            activate(gateActivation, b.updateAndReset[t], training);
            if (mask != null && !mask.allReal(t)) {
                // padded examples get z = 1: h_t = h_{t-1}
                Ops.mulColumn(b.update[t], mask.keepColumn(t), b.update[t]);
                Ops.addColumn(b.update[t], mask.paddingColumn(t), b.update[t]);
            }

            if (resetAfter) {
                // q = h_{t-1} U_h + rb_h (q was filled with rb_h); h_t serves as scratch for r ⊙ q
                if (previous != null) {
                    Ops.gemm(previous, recurrentCandidate, q, false, false, keepFilled);
                } else if (!hasBias) {
                    q.assign(0);
                }
                if (previous != null || hasBias) {
                    Ops.mul(b.reset[t], q, h);
                    Ops.add(hh, h, hh);
                }
            } else if (previous != null) {
                // q = r ⊙ h_{t-1}
                Ops.mul(b.reset[t], previous, q);
                Ops.gemm(q, recurrentCandidate, hh, false, false, 1.0);
            }
            keepPre(b.preCandidate, t, hh);
            activate(activation, hh, training);

            // h_t = hh + z ⊙ (h_{t-1} - hh)
            if (previous != null) {
                Ops.sub(previous, hh, h);
                Ops.mul(h, b.update[t], h);
                Ops.add(h, hh, h);
            } else {
                Ops.mul(b.update[t], hh, h);
                Ops.sub(hh, h, h);
            }
        }
    }

    /** The layer's output: the states, 0 at padded steps (DL4J's convention for masked RNN output). */
    void writeOutput(INDArray out) {
        if (mask == null) {
            out.assign(buffers.statesAll(steps));
        } else {
            Ops.mulTimeSeries(buffers.statesAll(steps), mask.keep(), out);
        }
    }

    /** [mb, u]: the state after the last step (carried over padding); a view, overwritten by the next pass. */
    INDArray lastState() {
        return buffers.states[steps - 1];
    }

    /**
     * Backpropagation through time over the last forward pass.
     *
     * @param input the forward pass's input
     * @param epsilon dL/d(output), [mb, u, T]; each step's [mb, u] slice dense and column-major
     * @param grads gradient views, zeroed by the caller; weight gradients are accumulated into them
     * @param epsOut dL/d(input), [mb, nIn, T] column-major, written entirely
     * @param firstStep truncated BPTT: the first step that gets a gradient (0 for full BPTT)
     */
    void backward(INDArray input, INDArray epsilon, GRUParams params, GRUParams grads, INDArray epsOut,
            int firstStep) {
        GRUBuffers b = buffers;
        GRUBuffers.Backward d = b.backward(resetAfter);
        INDArray kernel = params.kernel();
        INDArray recurrentKernel = params.recurrentKernel();
        INDArray recurrentUpdateAndReset = params.recurrentUpdateAndReset();
        INDArray recurrentCandidate = params.recurrentCandidate();
        INDArray kernelGrad = grads.kernel();
        INDArray recurrentKernelGrad = grads.recurrentKernel();
        INDArray recurrentUpdateAndResetGrad = grads.recurrentUpdateAndReset();
        INDArray recurrentCandidateGrad = grads.recurrentCandidate();
        boolean carrying = false;

        for (int t = steps - 1; t >= firstStep; t--) {
            INDArray epsOutStep = epsOut.get(all(), all(), point(t));
            if (mask != null && mask.allPadding(t)) {
                // h_t = h_{t-1} for every example: the carried gradient passes through, nothing else happens
                epsOutStep.assign(0);
                d.gates[t].assign(0);
                if (resetAfter) {
                    d.recurrent[t].assign(0);
                }
                continue;
            }
            INDArray previous = previousState(t);
            boolean mixed = mask != null && !mask.allReal(t);
            INDArray z = b.update[t];
            INDArray r = b.reset[t];
            INDArray hh = b.candidate[t];

            // dL/dh_t: this step's output gradient (none for padded examples, whose output is a constant 0)
            // plus what flows back from step t + 1
            INDArray eps = epsilon.get(all(), all(), point(t));
            INDArray dh;
            if (mixed) {
                Ops.mulColumn(eps, mask.keepColumn(t), d.stateGradient);
                if (carrying) {
                    Ops.add(d.stateGradient, d.carry, d.stateGradient);
                }
                dh = d.stateGradient;
            } else if (carrying) {
                Ops.add(eps, d.carry, d.stateGradient);
                dh = d.stateGradient;
            } else {
                dh = eps;
            }

            // h_t = z ⊙ h_{t-1} + (1 - z) ⊙ hh: dh ⊙ z goes straight to h_{t-1}, dh ⊙ (1 - z) to hh
            INDArray direct = previous != null ? d.carry : d.scratch;
            Ops.mul(dh, z, direct);
            INDArray dCandidate = d.candidate[t];
            Ops.sub(dh, direct, dCandidate);
            activationDerivative.multiply(dCandidate, hh, pre(b.preCandidate, t), d.scratch);

            if (resetAfter) {
                Ops.mul(dCandidate, r, d.recurrentCandidate[t]);
                Ops.mul(dCandidate, b.recurrentCandidate[t], d.reset[t]);
            } else if (previous != null) {
                // through (r ⊙ h_{t-1}) U_h
                Ops.gemm(dCandidate, recurrentCandidate, d.scratch, false, true, 0.0);
                Ops.mul(d.scratch, previous, d.reset[t]);
                Ops.mul(d.scratch, r, d.scratch);
                Ops.add(d.carry, d.scratch, d.carry);
            } else {
                d.reset[t].assign(0);
            }

            // dL/dz = dh ⊙ (h_{t-1} - hh)
            if (previous != null) {
                Ops.sub(previous, hh, d.update[t]);
            } else {
                Ops.rsub(0.0, hh, d.update[t]);
            }
            Ops.mul(d.update[t], dh, d.update[t]);
            gateDerivative.multiply(d.updateAndReset[t], b.updateAndReset[t], pre(b.preUpdateAndReset, t),
                    d.scratchWide);
            if (mixed && !gateDerivative.vanishesAtOne()) {
                Ops.mulColumn(d.update[t], mask.keepColumn(t), d.update[t]);
            }
            if (resetAfter) {
                d.recurrentUpdateAndReset[t].assign(d.updateAndReset[t]);
            }

            Ops.gemm(input.get(all(), all(), point(t)), d.gates[t], kernelGrad, true, false, 1.0);
            Ops.gemm(d.gates[t], kernel, epsOutStep, false, true, 0.0);
            if (previous != null) {
                if (resetAfter) {
                    Ops.gemm(previous, d.recurrent[t], recurrentKernelGrad, true, false, 1.0);
                    Ops.gemm(d.recurrent[t], recurrentKernel, d.carry, false, true, 1.0);
                } else {
                    Ops.gemm(previous, d.updateAndReset[t], recurrentUpdateAndResetGrad, true, false, 1.0);
                    Ops.gemm(b.recurrentCandidate[t], dCandidate, recurrentCandidateGrad, true, false, 1.0);
                    Ops.gemm(d.updateAndReset[t], recurrentUpdateAndReset, d.carry, false, true, 1.0);
                }
            }
            carrying = previous != null;
        }

        if (firstStep > 0) {
            epsOut.get(all(), all(), interval(0, firstStep)).assign(0);
        }
        if (hasBias) {
            long width = 3 * params.units();
            grads.bias().assign(d.gatesAll(steps).get(all(), all(), interval(firstStep, steps)).sum(0, 2)
                    .reshape(1, width));
            if (resetAfter) {
                grads.recurrentBias().assign(d.recurrentAll(steps).get(all(), all(), interval(firstStep, steps))
                        .sum(0, 2).reshape(1, width));
            }
        }
    }

    /**
     * Gates start from their input-side bias; with reset_after, z and r also add the recurrent bias there (it sits
     * outside the reset product for them) while the candidate's recurrent bias goes into q.
     */
    private void fillBiases(GRUParams params) {
        if (!hasBias) {
            return;
        }
        long units = params.units();
        INDArray inputBias = params.bias().reshape(3 * units);
        if (resetAfter) {
            INDArray recurrentBias = params.recurrentBias().reshape(3 * units);
            INDArray combined = inputBias.dup();
            combined.get(interval(0, 2 * units)).addi(recurrentBias.get(interval(0, 2 * units)));
            Ops.fillAlong(buffers.gatesAll(steps), combined, 1);
            Ops.fillAlong(buffers.recurrentCandidateAll(steps), recurrentBias.get(interval(2 * units, 3 * units)),
                    1);
        } else {
            Ops.fillAlong(buffers.gatesAll(steps), inputBias, 1);
        }
    }

    /** The state entering step t, or null when it is known to be zero. */
    private INDArray previousState(int t) {
        if (t > 0) {
            return buffers.states[t - 1];
        }
        return hasInitialState ? buffers.initialState : null;
    }

    private static void carryOver(INDArray previous, INDArray state) {
        if (previous == null) {
            state.assign(0);
        } else {
            state.assign(previous);
        }
    }

    private static void activate(IActivation fn, INDArray inPlace, boolean training) {
        INDArray result = fn.getActivation(inPlace, training);
        if (result != inPlace) {
            inPlace.assign(result);
        }
    }

    private static void keepPre(INDArray[] pre, int t, INDArray value) {
        if (pre != null) {
            pre[t].assign(value);
        }
    }

    private static INDArray pre(INDArray[] pre, int t) {
        return pre == null ? null : pre[t];
    }
}
