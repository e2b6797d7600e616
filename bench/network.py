"""Network training step: NumPy vs PyTorch (784-256-256-10 and 2-16-16-2)

    python -m bench network [--repeats 300]

One step is the forward pass, the backward pass and an Adam update of a ReLU MLP with softmax
cross-entropy, in float64 on the CPU: 784-256-256-10 on a batch of 128 (the matrix products
dominate) and 2-16-16-2 on a batch of 32 (the cost per call dominates). Ours (``dl_core.network``
with ``dl_core.optimizers.adam`` on the params dict) and PyTorch's (``nn.Sequential``,
``CrossEntropyLoss``, ``optim.Adam``) start from the same weights and the same batch, and run in
the same process one after the other; every step is timed alone after a warm-up, and the best and
the median of the repeats are reported. Targets: ours / torch <= 2 for the big network and <= 1
for the tiny one. torch is optional: without it only our times are printed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from bench._timing import median_of, report
from dl_core import network, optimizers

CASES = (((784, 256, 256, 10), 128, 2.0), ((2, 16, 16, 2), 32, 1.0))  # sizes, batch, target ours/torch
LR = 1e-3
WARM_UP = 20


def step_timings(step: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls of ``step`` (after ``WARM_UP`` untimed calls)."""
    for _ in range(WARM_UP):
        step()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        timings.append(time.perf_counter() - started)
    return timings


def numpy_step(mlp: network.MLP, params: dict, x: np.ndarray, y: np.ndarray) -> Callable[[], float]:
    """One Adam training step of our network per call (the parameters carry over between calls)."""
    optimizer = optimizers.adam(LR)
    optimizer_state = optimizer.init(params)
    state = mlp.init_state()

    def step() -> float:
        nonlocal params, optimizer_state
        loss, grads, _ = mlp.loss_and_grads(params, state, x, y)
        updates, optimizer_state = optimizer.update(grads, optimizer_state, params)
        params = optimizers.apply_updates(params, updates)
        return loss

    return step


def torch_step(torch, sizes: tuple[int, ...], params: dict, x: np.ndarray, y: np.ndarray) -> Callable[[], float]:
    """The same step in PyTorch, from the same weights (``nn.Linear`` stores ``W.T``)."""
    modules = []
    for index in range(1, len(sizes)):
        linear = torch.nn.Linear(sizes[index - 1], sizes[index], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(params[f"W{index}"].T))
            linear.bias.copy_(torch.from_numpy(params[f"b{index}"]))
        modules += [linear, torch.nn.ReLU()]
    model = torch.nn.Sequential(*modules[:-1])
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    loss_function = torch.nn.CrossEntropyLoss()
    inputs, labels = torch.from_numpy(x), torch.from_numpy(y)

    def step() -> float:
        optimizer.zero_grad()
        loss = loss_function(model(inputs), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    return step


def seconds(timings: list[float]) -> str:
    return f"best {min(timings) * 1e6:8.0f} µs, median {median_of(timings) * 1e6:8.0f} µs"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench network")
    parser.add_argument("--repeats", type=int, default=300)
    args = parser.parse_args(argv)
    try:
        import torch
    except ImportError:
        torch = None

    rows, missed = [], False
    for sizes, batch, target in CASES:
        rng = np.random.default_rng(0)
        mlp = network.MLP(sizes)
        params = mlp.init(rng)
        x = rng.standard_normal((batch, sizes[0]))
        y = rng.integers(0, sizes[-1], batch)
        name = "-".join(map(str, sizes)) + f", batch {batch}"
        ours_step = numpy_step(mlp, params, x, y)
        if torch is None:
            rows += [(f"{name}: ours", seconds(step_timings(ours_step, args.repeats)))]
            continue
        theirs_step = torch_step(torch, sizes, params, x, y)
        first_difference = abs(ours_step() - theirs_step())
        ours, theirs = step_timings(ours_step, args.repeats), step_timings(theirs_step, args.repeats)
        ratio = min(ours) / min(theirs)
        missed |= ratio > target
        rows += [
            (f"{name}: ours", seconds(ours)),
            (f"{name}: torch", seconds(theirs)),
            (f"{name}: ours / torch", f"{ratio:.2f} best, {median_of(ours) / median_of(theirs):.2f} median "
             f"(target <= {target:g}); first losses differ by {first_difference:.1e}"),
        ]
    if torch is None:
        rows.append(("torch", "not installed: no comparison (pip install torch to compare)"))
    else:
        rows.append(("threads", f"torch {torch.get_num_threads()}; NumPy's BLAS its default"))
    report(rows)
    if missed:
        raise SystemExit("target missed")
