#!/usr/bin/python3
"""Golden files for seqtrain's recurrent engine, computed by PyTorch (an implementation nobody here wrote).

Rerun by hand, not in CI (Debian: apt-get install python3-torch python3-numpy):
    /usr/bin/python3 src/test/python/rnn_golden.py src/test/resources/golden/rnn

Weights are leaf tensors in Keras' layout (kernel [nIn, gates*u], recurrent_kernel [u, gates*u], bias
[rows, gates*u]) mapped to PyTorch's layout with differentiable ops, so the gradients come back in Keras' layout:
LSTM gate order is the same (i, f, c/g, o); GRU Keras z, r, h = PyTorch r, z, n reordered; a Keras SimpleRNN/LSTM
bias is PyTorch's bias_ih with bias_hh = 0; a Keras reset_after GRU's bias rows are bias_ih and bias_hh.
The time loop runs PyTorch's cell functions step by step to apply Keras' masking: at a padded step the state carries
over and the output is the previous output (0 before the first real step). go_backwards processes t = T-1 .. 0 and
returns outputs in processing order. Loss = sum(outputs * dOutputs) + sum(h_T * dH) (+ sum(c_T * dC)).
"""
import json
import os
import sys

import torch

T, B, N_IN, U = 5, 3, 3, 4
MASK = [[1, 1, 1, 0, 0],   # post-padded
        [0, 0, 1, 1, 1],   # pre-padded
        [1, 0, 1, 1, 1]]   # a hole
GATES = {"SIMPLE_RNN": 1, "LSTM": 4, "GRU": 3}


def keras_to_torch_gru(m):
    """Columns z, r, h (Keras) -> r, z, n (PyTorch), along the last axis."""
    z, r, h = m.chunk(3, dim=-1)
    return torch.cat([r, z, h], dim=-1)


def step(cell, activation, x, h, c, kernel, recurrent, bias):
    w_ih = kernel.t()
    w_hh = recurrent.t()
    if cell == "SIMPLE_RNN":
        b_ih = bias[0] if bias is not None else None
        b_hh = torch.zeros_like(b_ih) if bias is not None else None
        fn = torch._VF.rnn_tanh_cell if activation == "TANH" else torch._VF.rnn_relu_cell
        return fn(x, h, w_ih, w_hh, b_ih, b_hh), None
    if cell == "LSTM":
        b_ih = bias[0] if bias is not None else None
        b_hh = torch.zeros_like(b_ih) if bias is not None else None
        h2, c2 = torch._VF.lstm_cell(x, (h, c), w_ih, w_hh, b_ih, b_hh)
        return h2, c2
    b_ih = keras_to_torch_gru(bias[0]) if bias is not None else None
    b_hh = keras_to_torch_gru(bias[1]) if bias is not None else None
    return torch._VF.gru_cell(x, h, keras_to_torch_gru(w_ih.t()).t(), keras_to_torch_gru(w_hh.t()).t(), b_ih,
                              b_hh), None


def case(name, cell, activation="TANH", use_bias=True, masked=False, initial=False, go_backwards=False, seed=0):
    g = torch.Generator().manual_seed(seed)

    def rand(*shape, scale=1.0):
        return ((torch.rand(*shape, generator=g, dtype=torch.float64) * 2 - 1) * scale).requires_grad_()

    width = GATES[cell] * U
    bias_rows = 2 if cell == "GRU" else 1
    x = rand(T, B, N_IN)
    kernel = rand(N_IN, width, scale=0.8)
    recurrent = rand(U, width, scale=0.8)
    bias = rand(bias_rows, width, scale=0.5) if use_bias else None
    h0 = rand(B, U) if initial else torch.zeros(B, U, dtype=torch.float64, requires_grad=True)
    c0 = (rand(B, U) if initial else torch.zeros(B, U, dtype=torch.float64, requires_grad=True)) \
        if cell == "LSTM" else None
    d_out = torch.rand(T, B, U, generator=g, dtype=torch.float64) * 2 - 1
    d_h = torch.rand(B, U, generator=g, dtype=torch.float64) * 2 - 1
    d_c = torch.rand(B, U, generator=g, dtype=torch.float64) * 2 - 1 if cell == "LSTM" else None
    mask = torch.tensor(MASK if masked else [[1] * T] * B, dtype=torch.bool)

    h, c = h0, c0
    y_prev = torch.zeros(B, U, dtype=torch.float64)
    outputs = []
    for s in range(T):
        t = T - 1 - s if go_backwards else s
        h_new, c_new = step(cell, activation, x[t], h, c, kernel, recurrent, bias)
        m = mask[:, t].unsqueeze(1)
        h = torch.where(m, h_new, h)
        if c is not None:
            c = torch.where(m, c_new, c)
        y = torch.where(m, h_new, y_prev)
        outputs.append(y)
        y_prev = y
    out = torch.stack(outputs)
    loss = (out * d_out).sum() + (h * d_h).sum()
    if c is not None:
        loss = loss + (c * d_c).sum()
    loss.backward()

    def lst(t):
        return None if t is None else t.detach().tolist()

    def grad(t):
        return None if t is None else t.grad.tolist()

    return name, {
        "generator": "src/test/python/rnn_golden.py, torch " + torch.__version__,
        "cell": cell, "activation": activation, "useBias": use_bias, "goBackwards": go_backwards,
        "mask": MASK if masked else None, "initial": initial,
        "x": lst(x), "kernel": lst(kernel), "recurrentKernel": lst(recurrent), "bias": lst(bias),
        "h0": lst(h0) if initial else None, "c0": lst(c0) if initial and c0 is not None else None,
        "dOutputs": lst(d_out), "dH": lst(d_h), "dC": lst(d_c),
        "outputs": lst(out), "h": lst(h), "c": lst(c),
        "gradX": grad(x), "gradKernel": grad(kernel), "gradRecurrentKernel": grad(recurrent), "gradBias": grad(bias),
        "gradH0": grad(h0) if initial else None, "gradC0": grad(c0) if initial and c0 is not None else None,
    }


CASES = [
    dict(name="rnn_tanh", cell="SIMPLE_RNN"),
    dict(name="rnn_relu", cell="SIMPLE_RNN", activation="RELU"),
    dict(name="rnn_tanh_nobias_masked", cell="SIMPLE_RNN", use_bias=False, masked=True, initial=True),
    dict(name="rnn_relu_nobias_backwards", cell="SIMPLE_RNN", activation="RELU", use_bias=False, masked=True,
         go_backwards=True),
    dict(name="lstm", cell="LSTM"),
    dict(name="lstm_masked_initial", cell="LSTM", masked=True, initial=True),
    dict(name="lstm_nobias_backwards", cell="LSTM", use_bias=False, masked=True, go_backwards=True, initial=True),
    dict(name="gru", cell="GRU"),
    dict(name="gru_masked_initial", cell="GRU", masked=True, initial=True),
    dict(name="gru_nobias_backwards", cell="GRU", use_bias=False, masked=True, go_backwards=True),
]

if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/golden/rnn"
    os.makedirs(target, exist_ok=True)
    for i, spec in enumerate(CASES):
        name, data = case(seed=100 + i, **spec)
        with open(os.path.join(target, name + ".json"), "w") as f:
            json.dump(data, f)
        print("wrote", name)
