"""Cross-check of dl_core.layers and dl_core.network against PyTorch (skipped where torch is not installed).

torch is not a dependency of the project; these tests document the claim that batch norm follows
``torch.nn.BatchNorm1d`` exactly and that the network's loss and gradients are autograd's.
"""

import numpy as np
import pytest

from dl_core import layers, optimizers
from dl_core.layers import BatchNormStats
from dl_core.network import MLP
from dl_core.training import train

torch = pytest.importorskip("torch")

TOLERANCE = 1e-12
TORCH_ACTIVATIONS = {
    "sigmoid": lambda: torch.nn.Sigmoid(),
    "tanh": lambda: torch.nn.Tanh(),
    "relu": lambda: torch.nn.ReLU(),
    "leaky_relu": lambda: torch.nn.LeakyReLU(0.01),
    "elu": lambda: torch.nn.ELU(1.0),
    "gelu": lambda: torch.nn.GELU(),
    "silu": lambda: torch.nn.SiLU(),
    "softplus": lambda: torch.nn.Softplus(),
}


def tensor(array: np.ndarray):
    return torch.from_numpy(np.array(array, dtype=np.float64))


@pytest.mark.parametrize("momentum", [0.1, 0.3])
def test_batchnorm_running_stats_follow_batchnorm1d_over_twenty_batches(momentum):
    features = 5
    reference = torch.nn.BatchNorm1d(features, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        reference.weight.copy_(tensor(np.linspace(0.5, 2.0, features)))
        reference.bias.copy_(tensor(np.linspace(-1.0, 1.0, features)))
    gamma, beta = reference.weight.detach().numpy().copy(), reference.bias.detach().numpy().copy()
    running = BatchNormStats.initial(features)
    rng = np.random.default_rng(0)
    for index in range(20):
        x = rng.normal(loc=3.0, scale=2.0 + index, size=(2 + index % 7, features))
        reference.train()
        expected = reference(tensor(x)).detach().numpy()
        out, running, _ = layers.batchnorm_forward(x, gamma, beta, running, train=True, momentum=momentum)
        np.testing.assert_allclose(out, expected, rtol=TOLERANCE, atol=TOLERANCE)
        np.testing.assert_allclose(running.mean, reference.running_mean.numpy(), rtol=TOLERANCE)
        np.testing.assert_allclose(running.var, reference.running_var.numpy(), rtol=TOLERANCE)
    reference.eval()
    x = rng.normal(size=(4, features))
    out, _, _ = layers.batchnorm_forward(x, gamma, beta, running, train=False)
    np.testing.assert_allclose(out, reference(tensor(x)).detach().numpy(), rtol=TOLERANCE, atol=TOLERANCE)


def test_dropout_uses_pytorchs_convention_zero_or_scaled_by_one_over_keep():
    drop_prob = 0.25
    theirs = torch.nn.functional.dropout(torch.ones(1000, dtype=torch.float64), p=drop_prob, training=True).numpy()
    ours, _ = layers.dropout_forward(np.ones((1, 1000)), drop_prob, np.random.default_rng(0), train=True)
    assert set(np.unique(theirs)) == set(np.unique(ours)) == {0.0, 1.0 / (1.0 - drop_prob)}


def torch_network(mlp: MLP, params: dict, state: tuple):
    """``nn.Sequential`` with our weights (``nn.Linear`` stores ``W.T``), batch norms and activation."""
    modules = []
    for index in range(1, mlp.depth + 1):
        linear = torch.nn.Linear(mlp.sizes[index - 1], mlp.sizes[index], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(tensor(params[f"W{index}"].T))
            linear.bias.copy_(tensor(params[f"b{index}"]))
        modules.append(linear)
        if index == mlp.depth:
            break
        if mlp.batch_norm:
            norm = torch.nn.BatchNorm1d(mlp.sizes[index], dtype=torch.float64)
            with torch.no_grad():
                norm.weight.copy_(tensor(params[f"gamma{index}"]))
                norm.bias.copy_(tensor(params[f"beta{index}"]))
                norm.running_mean.copy_(tensor(state[index - 1].mean))
                norm.running_var.copy_(tensor(state[index - 1].var))
            modules.append(norm)
        modules.append(TORCH_ACTIVATIONS[mlp.activation]())
    return torch.nn.Sequential(*modules)


def torch_grads(mlp: MLP, model) -> dict:
    """Autograd's gradients under our names, ``W`` transposed back to ``(fan_in, fan_out)``."""
    grads, linear_index = {}, 0
    for module in model:
        if isinstance(module, torch.nn.Linear):
            linear_index += 1
            grads[f"W{linear_index}"] = module.weight.grad.numpy().T
            grads[f"b{linear_index}"] = module.bias.grad.numpy()
        elif isinstance(module, torch.nn.BatchNorm1d):
            grads[f"gamma{linear_index}"] = module.weight.grad.numpy()
            grads[f"beta{linear_index}"] = module.bias.grad.numpy()
    return grads


def compare_with_autograd(mlp: MLP, x, y, *, train_mode: bool, state=None):
    params = mlp.init(np.random.default_rng(1))
    params = {key: value + 0.2 * np.random.default_rng(2).standard_normal(value.shape) for key, value in params.items()}
    state = mlp.init_state() if state is None else state
    model = torch_network(mlp, params, state)
    model.train(train_mode)
    output = model(tensor(x))
    if mlp.is_classifier:
        loss = torch.nn.functional.cross_entropy(output, torch.from_numpy(y))
    else:
        loss = torch.nn.functional.mse_loss(output, tensor(y))
    loss.backward()
    ours_loss, ours_grads, new_state = mlp.loss_and_grads(params, state, x, y, train=train_mode)
    assert ours_loss == pytest.approx(loss.item(), rel=TOLERANCE)
    theirs = torch_grads(mlp, model)
    assert set(theirs) == set(ours_grads)
    for key, value in theirs.items():
        # Biases before a batch norm have an exact gradient of 0 in train mode: both sides are rounding noise.
        np.testing.assert_allclose(ours_grads[key], value, rtol=1e-10, atol=1e-14, err_msg=key)
    norms = [module for module in model if isinstance(module, torch.nn.BatchNorm1d)]
    for stats, norm in zip(new_state, norms, strict=True):
        np.testing.assert_allclose(stats.mean, norm.running_mean.numpy(), rtol=TOLERANCE)
        np.testing.assert_allclose(stats.var, norm.running_var.numpy(), rtol=TOLERANCE)


def classification_batch(sizes, count=16, seed=3):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((count, sizes[0])), rng.integers(0, sizes[-1], count)


@pytest.mark.parametrize("activation", list(TORCH_ACTIVATIONS))
def test_loss_and_grads_equal_autograd_for_each_activation(activation):
    mlp = MLP((4, 7, 6, 3), activation=activation)
    compare_with_autograd(mlp, *classification_batch(mlp.sizes), train_mode=True)


@pytest.mark.parametrize("activation", ["relu", "tanh", "gelu"])
def test_loss_and_grads_equal_autograd_with_batchnorm_in_train_mode(activation):
    mlp = MLP((4, 7, 6, 3), activation=activation, batch_norm=True)
    compare_with_autograd(mlp, *classification_batch(mlp.sizes), train_mode=True)


def test_loss_and_grads_equal_autograd_with_batchnorm_in_eval_mode():
    mlp = MLP((4, 7, 6, 3), activation="elu", batch_norm=True)
    state = (BatchNormStats(np.full(7, 0.3), np.full(7, 2.0)), BatchNormStats(np.full(6, -0.2), np.full(6, 0.5)))
    compare_with_autograd(mlp, *classification_batch(mlp.sizes), train_mode=False, state=state)


def test_loss_and_grads_equal_autograd_for_mse():
    mlp = MLP((3, 8, 2), activation="tanh", loss="mse")
    x = np.random.default_rng(4).standard_normal((10, 3))
    compare_with_autograd(mlp, x, np.random.default_rng(5).standard_normal((10, 2)), train_mode=True)


def test_full_batch_adam_training_follows_pytorch():
    mlp = MLP((2, 8, 8, 2), activation="tanh", batch_norm=True)
    x, y = classification_batch(mlp.sizes, count=24, seed=6)
    params = mlp.init(np.random.default_rng(7))
    epochs = 25
    # batch_size = N: every epoch is one full-batch step, whatever the shuffle.
    run = train(mlp, params, mlp.init_state(), optimizers.adam(0.01), x, y, epochs=epochs, batch_size=len(x),
                rng=np.random.default_rng(8))
    model = torch_network(mlp, params, mlp.init_state())
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(epochs):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(tensor(x)), torch.from_numpy(y)).backward()
        optimizer.step()
    np.testing.assert_allclose(run.params["W1"], model[0].weight.detach().numpy().T, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(run.params["W3"], model[6].weight.detach().numpy().T, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(run.state[1].var, model[4].running_var.numpy(), rtol=1e-9)


@pytest.mark.parametrize("batch_norm", [False, True], ids=["plain", "batch norm"])
def test_copies_equal_k_separate_pytorch_networks(batch_norm):
    """K copies in lockstep against K separate ``nn.Sequential`` networks: each copy's loss, every gradient and the
    running statistics after a train-mode step, on one batch per copy."""
    mlp = MLP((3, 6, 5, 2), activation="tanh", batch_norm=batch_norm)
    copies = 3
    params = mlp.init_copies([np.random.default_rng(seed) for seed in range(copies)])
    rng = np.random.default_rng(7)
    x, y = rng.standard_normal((copies, 10, 3)), rng.integers(0, 2, (copies, 10))
    losses, grads, state = mlp.loss_and_grads(params, mlp.init_state(copies=copies), x, y)
    for k in range(copies):
        single = {key: value[k] for key, value in params.items()}
        model = torch_network(mlp, single, mlp.init_state())
        model.train(True)
        loss = torch.nn.functional.cross_entropy(model(tensor(x[k])), torch.from_numpy(y[k]))
        loss.backward()
        assert losses[k] == pytest.approx(loss.item(), rel=TOLERANCE)
        for key, value in torch_grads(mlp, model).items():
            np.testing.assert_allclose(grads[key][k], value, rtol=1e-10, atol=1e-14, err_msg=key)
        norms = [module for module in model if isinstance(module, torch.nn.BatchNorm1d)]
        for stats, norm in zip(state, norms, strict=True):
            # a running mean near 0 (the batch's mean of a linear layer) is compared to rounding, not relatively
            np.testing.assert_allclose(stats.mean[k], norm.running_mean.numpy(), rtol=TOLERANCE, atol=1e-15)
            np.testing.assert_allclose(stats.var[k], norm.running_var.numpy(), rtol=TOLERANCE)


def test_copies_at_different_dropout_rates_equal_pytorch_with_the_same_masks_and_adam():
    """Copies at three dropout rates sharing one generator (one uniform draw per layer, copy k keeping a unit where
    u >= p_k) against three PyTorch networks given the same masks: the losses, every gradient, then two Adam steps
    of the flat parameters against ``torch.optim.Adam``."""
    rates = (0.0, 0.3, 0.6)
    mlp = MLP((3, 6, 5, 2), activation="tanh", drop_prob=rates)
    start = MLP((3, 6, 5, 2)).init(np.random.default_rng(2))
    params = {key: np.stack([value] * len(rates)) for key, value in start.items()}
    data = np.random.default_rng(3)
    x, y = data.standard_normal((12, 3)), data.integers(0, 2, 12)
    rule = optimizers.adam(0.05)
    optimizer_state = rule.init(params)
    models = [{key: torch.tensor(value, requires_grad=True) for key, value in start.items()} for _ in rates]
    torch_optimizers = [torch.optim.Adam(list(model.values()), lr=0.05) for model in models]
    for step in range(2):
        masks_from = np.random.default_rng(10 + step)
        losses, grads, _ = mlp.loss_and_grads(params, (), x, y, rng=np.random.default_rng(10 + step))
        uniforms = [masks_from.random((12, width)) for width in mlp.sizes[1:-1]]
        for k, rate in enumerate(rates):
            model = models[k]
            hidden = tensor(x)
            for index, u in enumerate(uniforms, start=1):
                hidden = torch.tanh(hidden @ model[f"W{index}"] + model[f"b{index}"])
                hidden = hidden * tensor(u >= rate) / (1.0 - rate)
            logits = hidden @ model["W3"] + model["b3"]
            loss = torch.nn.functional.cross_entropy(logits, torch.from_numpy(y))
            torch_optimizers[k].zero_grad()
            loss.backward()
            assert losses[k] == pytest.approx(loss.item(), rel=TOLERANCE)
            for key, value in model.items():
                np.testing.assert_allclose(grads[key][k], value.grad.numpy(), rtol=1e-10, atol=1e-14, err_msg=key)
            torch_optimizers[k].step()
        updates, optimizer_state = rule.update(grads, optimizer_state, params)
        params = optimizers.apply_updates(params, updates)
        for k in range(len(rates)):
            for key, value in models[k].items():
                np.testing.assert_allclose(params[key][k], value.detach().numpy(), rtol=1e-10, atol=1e-14,
                                           err_msg=key)
