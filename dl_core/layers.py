r"""The building blocks of a fully connected network, each a pure forward/backward pair (cs231n style).

A forward function returns its output and a ``cache``: what its backward needs. A backward function
takes the gradient of the loss with respect to the output, ``dout``, and that cache, and returns the
gradients with respect to the inputs. Nothing is mutated: state (batch-norm running statistics) comes
in as an argument and the new state goes out as a result; randomness (dropout) comes from an explicit
``np.random.Generator``. Everything is float64.

Shapes: a batch ``x`` is ``(N, D)`` (N samples, D features); weights ``w`` are ``(D, M)`` so that
``out = x @ w + b`` has shape ``(N, M)`` (PyTorch's ``nn.Linear`` stores the transpose, ``(M, D)``).
Every function also takes K copies side by side (``dl_core.network``'s copies): a leading axis on the weights
(``w`` ``(K, D, M)``, ``b``, ``gamma``, ``beta`` and the running statistics ``(K, M)``) and on the batch
(``(K, N, D)``, or one ``(N, D)`` batch shared by all copies). The batch is always the second-to-last axis, and a
copy's numbers are those of the same call on that copy alone.

The losses return the mean over the batch and its gradient with respect to the network's output,
the ``dout`` that starts the backward pass.
"""

from typing import Any, NamedTuple

import numpy as np

from dl_core import activations

# ---------------------------------------------------------------- linear


class LinearCache(NamedTuple):
    x: np.ndarray
    w: np.ndarray


def linear_forward(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, LinearCache]:
    r"""A fully connected (affine) layer: ``out = x @ w + b``.

    .. math:: Z = XW + \mathbf{1}b^\top

    ``x`` ``(N, D)``, ``w`` ``(D, M)``, ``b`` ``(M,)``; ``out`` ``(N, M)`` (with a leading copies axis on any of them,
    one product per copy). Large products run in row blocks (:func:`block_product`).
    """
    out = block_product(x, w)  # a fresh array: the bias is added in place (a broadcast add into a new array of
    out += b[..., None, :]     # copies x rows x units takes several times longer)
    return out, LinearCache(x, w)


def linear_backward(dout: np.ndarray, cache: LinearCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Gradients of the affine layer: backpropagation as matrix products.

    .. math:: \frac{\partial L}{\partial X} = \frac{\partial L}{\partial Z} W^\top,\quad
        \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial Z},\quad
        \frac{\partial L}{\partial b} = \sum_{n} \frac{\partial L}{\partial Z_{n\cdot}}

    ``dout`` ``(N, M)``; returns ``dx`` ``(N, D)``, ``dw`` ``(D, M)``, ``db`` ``(M,)``.
    """
    dw, db = linear_weight_grads(dout, cache)
    return block_product(dout, np.swapaxes(cache.w, -1, -2)), dw, db


def linear_weight_grads(dout: np.ndarray, cache: LinearCache) -> tuple[np.ndarray, np.ndarray]:
    r"""``(dw, db)`` only, without ``dx``: the first layer of a network needs no gradient for its input.

    .. math:: \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial Z},\quad
        \frac{\partial L}{\partial b} = \sum_{n} \frac{\partial L}{\partial Z_{n\cdot}}
    """
    return block_weight_grad(cache.x, dout), dout.sum(axis=-2)


# ---------------------------------------------------------------- activations


class ActivationCache(NamedTuple):
    x: np.ndarray
    activation: activations.Activation
    params: dict[str, float]


def activation_forward(x: np.ndarray, name: str, **params: float) -> tuple[np.ndarray, ActivationCache]:
    r"""An elementwise activation :math:`A = f(Z)`, any name of :data:`dl_core.activations.ACTIVATIONS`.

    ``params`` override the activation's defaults (e.g. ``alpha`` of ``leaky_relu``). ``out`` has the
    shape of ``x``.
    """
    activation = activations.get(name)
    return activation.fn(x, **params), ActivationCache(x, activation, params)


def activation_backward(dout: np.ndarray, cache: ActivationCache) -> np.ndarray:
    r"""The chain rule through an elementwise function: :math:`\frac{\partial L}{\partial Z} =
    \frac{\partial L}{\partial A} \odot f'(Z)`. ``dx`` has the shape of ``dout``."""
    return dout * cache.activation.grad(cache.x, **cache.params)


# ---------------------------------------------------------------- batch normalization


class BatchNormStats(NamedTuple):
    """The running statistics of a batch-norm layer: per-feature ``mean`` and ``var``, each ``(D,)``."""

    mean: np.ndarray
    var: np.ndarray

    @classmethod
    def initial(cls, features: int) -> "BatchNormStats":
        """Mean 0 and variance 1 for each of ``features`` features, as ``torch.nn.BatchNorm1d`` starts."""
        return cls(np.zeros(features), np.ones(features))


class BatchNormCache(NamedTuple):
    x_hat: np.ndarray
    gamma: np.ndarray
    inv_std: np.ndarray
    train: bool


def batchnorm_forward(
    x: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running: BatchNormStats,
    *,
    train: bool,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> tuple[np.ndarray, BatchNormStats, BatchNormCache]:
    r"""Batch normalization (Ioffe & Szegedy 2015, arXiv 1502.03167), as ``torch.nn.BatchNorm1d``.

    .. math:: \hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}},\qquad y = \gamma \hat x + \beta

    Train (``train=True``): :math:`\mu` and :math:`\sigma^2` are the batch mean and the biased batch
    variance (divided by :math:`N`) of each feature, and the running statistics move towards the
    batch's, with the unbiased variance (divided by :math:`N-1`), exactly as PyTorch:

    .. math:: \mu_{run} \leftarrow (1-m)\,\mu_{run} + m\,\mu_B,\qquad
        \sigma^2_{run} \leftarrow (1-m)\,\sigma^2_{run} + m\,\tfrac{N}{N-1}\sigma^2_B

    A batch of one sample has no variance to estimate: train mode then raises ``ValueError``
    (PyTorch raises too), rather than dividing by :math:`N-1=0`.

    Eval (``train=False``): :math:`\mu, \sigma^2` are ``running``'s, and ``new_running`` is ``running``.

    ``x`` ``(N, D)``; ``gamma``, ``beta`` ``(D,)``; ``running`` a :class:`BatchNormStats` of ``(D,)``
    arrays; ``m = momentum``. Returns ``out`` ``(N, D)``, ``new_running`` and the cache.
    """
    if not 0.0 <= momentum <= 1.0:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    if not eps > 0.0:
        raise ValueError(f"eps must be > 0, got {eps}")
    gamma, beta = gamma[..., None, :], beta[..., None, :]  # a copy's parameters against its batch
    if not train:
        inv_std = 1.0 / np.sqrt(running.var + eps)[..., None, :]
        x_hat = (x - running.mean[..., None, :]) * inv_std
        return gamma * x_hat + beta, running, BatchNormCache(x_hat, gamma, inv_std, train=False)
    count = x.shape[-2]
    if count < 2:
        raise ValueError(
            f"batch norm in train mode needs at least 2 samples per batch, got {count} "
            "(the variance of one sample is undefined; PyTorch raises too): use a larger batch or train=False"
        )
    mean = x.mean(axis=-2)
    centred = x - mean[..., None, :]
    var = (centred * centred).mean(axis=-2)
    inv_std = 1.0 / np.sqrt(var + eps)[..., None, :]
    x_hat = centred * inv_std
    new_running = BatchNormStats(
        (1.0 - momentum) * running.mean + momentum * mean,
        (1.0 - momentum) * running.var + momentum * var * (count / (count - 1)),
    )
    return gamma * x_hat + beta, new_running, BatchNormCache(x_hat, gamma, inv_std, train=True)


def batchnorm_backward(dout: np.ndarray, cache: BatchNormCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Gradients of batch normalization, for a train-mode or an eval-mode cache.

    .. math:: \frac{\partial L}{\partial \gamma} = \sum_n g_n \hat x_n,\qquad
        \frac{\partial L}{\partial \beta} = \sum_n g_n

    Train mode, where :math:`\mu` and :math:`\sigma^2` depend on the whole batch
    (:math:`g = \partial L / \partial y`, :math:`\hat g = \gamma g`):

    .. math:: \frac{\partial L}{\partial x} = \frac{1}{N\sqrt{\sigma^2+\epsilon}}
        \Bigl(N \hat g - \sum_n \hat g_n - \hat x \sum_n \hat g_n \hat x_n\Bigr)

    Eval mode, where they are constants: :math:`\partial L / \partial x = \hat g / \sqrt{\sigma^2+\epsilon}`.

    ``dout`` ``(N, D)``; returns ``dx`` ``(N, D)``, ``dgamma`` ``(D,)``, ``dbeta`` ``(D,)``.
    """
    x_hat = cache.x_hat
    dgamma = (dout * x_hat).sum(axis=-2)
    dbeta = dout.sum(axis=-2)
    dx_hat = dout * cache.gamma
    if not cache.train:
        return dx_hat * cache.inv_std, dgamma, dbeta
    count = x_hat.shape[-2]
    projection = dx_hat.sum(axis=-2, keepdims=True) + x_hat * (dx_hat * x_hat).sum(axis=-2, keepdims=True)
    return (dx_hat - projection / count) * cache.inv_std, dgamma, dbeta


# ---------------------------------------------------------------- dropout


class DropoutCache(NamedTuple):
    """``mask``: True where a unit was kept; ``multiplier``: the mask scaled by :math:`1/(1-p)`."""

    mask: np.ndarray
    multiplier: np.ndarray


def dropout_forward(
    x: np.ndarray,
    drop_prob: float | np.ndarray,
    rng: np.random.Generator | None,
    *,
    train: bool,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, DropoutCache]:
    r"""Inverted dropout (Srivastava et al., JMLR 15, 2014), as ``torch.nn.Dropout(p=drop_prob)``.

    .. math:: y = \frac{m \odot x}{1 - p},\qquad m_{ij} \sim \mathrm{Bernoulli}(1 - p)

    ``drop_prob`` is PyTorch's ``p``: the probability of *dropping* a unit. The course's lesson
    calls :math:`p` the probability of *keeping* one, which is ``1 - drop_prob`` here. Kept units
    are scaled by :math:`1/(1-p)` during training so that the expected output equals ``x``, and
    evaluation (``train=False``) is the identity.

    ``mask`` (boolean, the shape of ``x``, True = kept) fixes which units are kept instead of
    drawing them from ``rng`` (for gradient checks); otherwise ``rng`` is required in train mode.
    ``drop_prob`` must be in [0, 1); an array of rates that broadcasts against ``x`` (one per copy, ``(K, 1, 1)``)
    needs ``mask``. Returns ``out`` (the shape of ``x``) and the cache, which holds
    the mask (all True in eval mode).
    """
    if not np.all((np.asarray(drop_prob) >= 0.0) & (np.asarray(drop_prob) < 1.0)):
        raise ValueError(f"drop_prob must be in [0, 1), got {drop_prob}")
    if not train:
        return x.copy(), DropoutCache(np.ones(x.shape, dtype=bool), np.ones(x.shape))
    if mask is None:
        if rng is None:
            raise ValueError("rng is required for dropout in train mode (or pass a fixed mask)")
        mask = rng.random(x.shape) >= drop_prob
    elif np.shape(mask) != x.shape:
        raise ValueError(f"mask must have the shape of x {x.shape}, got {np.shape(mask)}")
    multiplier = mask * (1.0 / (1.0 - drop_prob))
    return x * multiplier, DropoutCache(mask, multiplier)


def dropout_backward(dout: np.ndarray, cache: DropoutCache) -> np.ndarray:
    r"""The gradient flows through kept units only, with the same scale: :math:`\frac{\partial L}{\partial x}
    = \frac{m \odot g}{1 - p}`. ``dx`` has the shape of ``dout``."""
    return dout * cache.multiplier


# ---------------------------------------------------------------- losses


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    r"""Mean cross-entropy of the softmax of ``logits`` against integer ``labels``, and its gradient.

    .. math:: L = \frac{1}{N}\sum_{n}\Bigl(\log\sum_{c} e^{z_{nc}} - z_{n y_n}\Bigr),\qquad
        \frac{\partial L}{\partial z_{nc}} = \frac{\operatorname{softmax}(z_n)_c - [c = y_n]}{N}

    As ``torch.nn.CrossEntropyLoss`` (mean reduction). The log-sum-exp is taken after subtracting
    each row's maximum, so no exponential overflows: the loss is finite for logits as large as
    ``1e300`` and no input raises a NumPy warning (a loss beyond the largest float64 is ``inf``).

    ``logits`` ``(N, C)``, ``labels`` ``(N,)`` integers in ``[0, C)``. Returns the loss (a float) and
    ``dlogits`` ``(N, C)``. With K copies, ``logits`` ``(K, N, C)`` and ``labels`` ``(N,)`` or ``(K, N)``: the loss
    is ``(K,)``, one per copy.
    """
    logits = np.asarray(logits, dtype=np.float64)
    labels = _checked_labels(labels, logits.shape)
    # Subtracting the row maximum can only overflow for logits more than 1.8e308 apart: it then
    # gives -inf, whose exponential is the correct 0.
    with np.errstate(over="ignore"):
        return softmax_cross_entropy_of_checked(logits, labels)


def softmax(logits: np.ndarray) -> np.ndarray:
    r"""The class probabilities of ``logits`` along the last axis, :math:`e^{z_c} / \sum_{c'} e^{z_{c'}}` (row maxima
    subtracted first, so nothing overflows)."""
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def softmax_cross_entropy_of_checked(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """``softmax_cross_entropy`` without its checks, for float64 ``logits`` ``(N, C)`` and integer ``labels`` in
    ``[0, C)`` that the caller has checked (a training loop checks its labels once, not at each of its thousand
    steps); under the caller's ``np.errstate``. The same numbers."""
    count = logits.shape[-2]
    rows_of = logits.reshape(-1, logits.shape[-1])  # every copy's samples as rows of one matrix
    picked = np.broadcast_to(labels, logits.shape[:-1]).reshape(-1)  # each row's label
    rows = np.arange(len(rows_of))
    shifted = rows_of - rows_of.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    sums = exponentials.sum(axis=1)
    losses = (np.log(sums) - shifted[rows, picked]).reshape(logits.shape[:-1]).sum(axis=-1) / count
    dlogits = exponentials / sums[:, None]
    dlogits[rows, picked] -= 1.0
    return (float(losses) if losses.ndim == 0 else losses), (dlogits / count).reshape(logits.shape)


def _checked_labels(labels: Any, logits_shape: tuple[int, ...]) -> np.ndarray:
    """``labels`` as an integer array ``(N,)`` (or ``(K, N)``) with values in ``[0, C)`` for logits ``(N, C)`` (or
    ``(K, N, C)``)."""
    labels = np.asarray(labels)
    shaped = labels.shape in (logits_shape[-2:-1], logits_shape[:-1])
    if len(logits_shape) not in (2, 3) or 0 in logits_shape or not shaped or labels.dtype.kind not in "iu":
        raise ValueError(
            f"labels must be integers of shape (N,) for logits (N, C) with N, C >= 1; got labels {labels.shape} "
            f"({labels.dtype}) and logits {logits_shape}"
        )
    if not (0 <= labels.min() and labels.max() < logits_shape[-1]):
        raise ValueError(f"labels must be in [0, {logits_shape[-1]}), got {labels.min()} to {labels.max()}")
    return labels


def mse(pred: np.ndarray, target: np.ndarray, *, copies: bool = False) -> tuple[float, np.ndarray]:
    r"""Mean squared error over all elements, as ``torch.nn.MSELoss`` (mean reduction), and its gradient.

    .. math:: L = \frac{1}{K}\sum_{k} (\hat y_k - y_k)^2,\qquad
        \frac{\partial L}{\partial \hat y_k} = \frac{2}{K}(\hat y_k - y_k)

    where :math:`K` is the number of elements. ``pred`` and ``target`` have the same shape (no
    broadcasting); returns the loss (a float) and ``dpred`` of that shape. ``copies=True``: the leading axis of
    ``pred`` ``(K, N, C)`` holds K copies, the target ``(N, C)`` is shared or ``(K, N, C)``, the loss is ``(K,)``.
    """
    pred = np.asarray(pred, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    if pred.shape[copies:] != target.shape[-pred.ndim + copies:] or pred.size == 0 or target.ndim > pred.ndim:
        raise ValueError(f"pred and target must have the same non-empty shape, got {pred.shape} and {target.shape}")
    diff = pred - target
    if copies:
        size = diff[0].size
        return (diff * diff).reshape(len(diff), size).mean(axis=1), diff * (2.0 / size)
    return float(np.mean(diff * diff)), diff * (2.0 / diff.size)


# ---------------------------------------------------------------- products in row blocks

# Products whose rows x inputs x outputs exceed this run multithreaded in OpenBLAS; on a busy two-core server the
# threads wait on each other, and a product of 256 x 64 x 64 took 27 times longer per row than one of 128 x 64 x 64.
# Larger products are therefore cut into row blocks below it (one thread, a few microseconds each).
SINGLE_THREAD_SIZE = 500_000
# A layer so wide that a block would hold fewer rows than this is left whole: its products are large enough for
# BLAS's threads to pay (784 x 256 inputs x outputs: two rows a block would make one training step 2.5 times slower).
MIN_BLOCK_ROWS = 32


def block_product(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a @ w`` for ``a`` ``(..., N, I)`` and ``w`` ``(..., I, O)``, in row blocks of at most
    ``SINGLE_THREAD_SIZE`` multiply-adds each (see above; not for layers wider than ``MIN_BLOCK_ROWS`` allows): the
    same numbers, row by row."""
    rows = SINGLE_THREAD_SIZE // (a.shape[-1] * w.shape[-1])
    if a.shape[-2] <= rows or rows < MIN_BLOCK_ROWS:
        return a @ w
    return np.concatenate([a[..., start : start + rows, :] @ w for start in range(0, a.shape[-2], rows)], axis=-2)


def block_weight_grad(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """``x.T @ dout`` for ``x`` ``(..., N, I)`` and ``dout`` ``(..., N, O)``, summed over the row blocks
    ``block_product`` cuts (one BLAS thread each)."""
    rows = SINGLE_THREAD_SIZE // (x.shape[-1] * dout.shape[-1])
    if x.shape[-2] <= rows or rows < MIN_BLOCK_ROWS:
        return np.swapaxes(x, -1, -2) @ dout
    return sum(np.swapaxes(x[..., start : start + rows, :], -1, -2) @ dout[..., start : start + rows, :]
               for start in range(0, x.shape[-2], rows))
