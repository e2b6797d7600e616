"""dl_core.training with one data set per copy: ten seeds can each draw their own data, and copy k is still the
network trained alone on its set."""

import numpy as np
import pytest

from dl_core import datasets, optimizers
from dl_core.network import MLP
from dl_core.training import train


def sets(seeds, size):
    made = [datasets.moons(size, np.random.default_rng(seed), noise=0.2) for seed in seeds]
    return np.stack([x for x, _ in made]), np.stack([y for _, y in made])


@pytest.mark.parametrize("shared_generator", [False, True])
def test_each_copy_on_its_own_data_is_that_copy_trained_alone(shared_generator):
    mlp = MLP((2, 6, 5, 2), activation="tanh", drop_prob=0.2)
    seeds = [1, 2, 3]
    x, y = sets(seeds, 40)
    x_val, y_val = sets([11, 12, 13], 30)
    params = mlp.init_copies([np.random.default_rng(seed) for seed in seeds])
    generators = (np.random.default_rng(7) if shared_generator
                  else [np.random.default_rng(20 + k) for k in range(3)])
    run = train(mlp, params, (), optimizers.adam(0.02), x, y, epochs=4, batch_size=16, rng=generators,
                x_val=x_val, y_val=y_val)
    for k, seed in enumerate(seeds):
        # a shared generator draws each permutation and mask once, as one network alone with it would
        generator = np.random.default_rng(7 if shared_generator else 20 + k)
        alone = train(mlp, mlp.init(np.random.default_rng(seed)), (), optimizers.adam(0.02), x[k], y[k], epochs=4,
                      batch_size=16, rng=generator, x_val=x_val[k], y_val=y_val[k])
        for field in ("train_loss", "val_loss", "train_accuracy", "val_accuracy", "batch_losses"):
            np.testing.assert_allclose(getattr(run, field)[:, k], getattr(alone, field), rtol=1e-12, err_msg=field)


def test_per_copy_sets_must_match_the_copies_and_each_other():
    mlp = MLP((2, 4, 2))
    params = mlp.init_copies([np.random.default_rng(seed) for seed in range(2)])
    x, y = sets([1, 2, 3], 20)
    with pytest.raises(ValueError, match="2 sets"):
        train(mlp, params, (), optimizers.sgd(0.1), x, y, epochs=1, batch_size=8, rng=np.random.default_rng(0))
    x2, y2 = sets([1, 2], 20)
    with pytest.raises(ValueError, match="both shared or both"):
        train(mlp, params, (), optimizers.sgd(0.1), x2, y2, epochs=1, batch_size=8, rng=np.random.default_rng(0),
              x_val=x2[0], y_val=y2[0])
