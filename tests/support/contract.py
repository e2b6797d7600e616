"""The page contract: what every page of the app promises, and the table each lesson fills in.

Every page (home, each lesson, the sandbox) promises (``tests/pages/test_page_contract.py`` checks it):

- it renders at its defaults (and in each of its sections), in English and in Russian;
- every control at its extremes renders, and the value sticks: the states of ``extremes`` put each control at
  both ends of its range (a choice at every option, a multiple choice at none and at as many as it takes, a
  switch on and off; checked against the controls the page draws);
- every experiment link (the page's ``EXPERIMENTS``) opens the state it names, in both languages, and the page
  lists it;
- an invalid URL value (``invalid``) falls back to the default, an out-of-range number is clamped to the nearest
  allowed value (the entry names it), the page still working;

and in every one of these states no exception, the number of charts ``charts`` says, and no chart with a NaN or an
infinity, a missing number (unless ``gaps``) or larger than ``max_chart_bytes``.

A state of ``extremes`` is {control key: value as the control holds it} (``LOW`` and ``HIGH``: the ends of a number
control whose range the page computes), or a tuple of such steps when a control's options depend on another
control; it is applied to one session of the page, from its defaults (the controls it moved are put back after it).
Where moving one control costs a training, a state moves several together, as a class would; ``each`` writes the
states that move one control at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dl_core.activations import ACTIVATIONS
from dl_core.initializers import INITIALIZERS
from dl_core.optimizers import DEFAULTS, NAMES
from dl_core.schedules import SCHEDULES
from pages.optimizer_lab.compute import SURFACES
from pages.playground.trainer import DATA
from support.charts import gaps, not_finite


@dataclass(frozen=True)
class Contract:
    charts: Callable[[dict], int]  # how many charts the page draws, given its controls' values
    extremes: tuple[dict | tuple[dict, ...], ...] = ()  # states, each in one step or several
    # URL queries, each with values the page must not take; or (query, {key: value}) where a query leaves a control
    # elsewhere than at its defaults (or draws one the defaults do not)
    invalid: tuple[str | tuple[str, dict], ...] = ()
    max_chart_bytes: int = 1_000_000
    gaps: bool = False  # whether its charts may miss numbers (breaks in their lines)


LOW, HIGH = "<lowest>", "<highest>"


def each(base: dict | None = None, **ends) -> tuple[dict, ...]:
    """One state per value of each control (``key=(low, high, ...)``), the others as in ``base``."""
    return tuple({**(base or {}), key: value} for key, values in ends.items() for value in values)


# Both ends of every hyperparameter slider of ``ui.controls.hyperparameters`` (the learning rate's: ``LR_RANGE``).
HYPER_ENDS = {"lr": (1e-5, 10.0), "momentum": (0.0, 0.99), "beta1": (0.0, 0.99), "beta2": (0.9, 0.9999),
              "alpha": (0.5, 0.999), "weight_decay": (0.0, 0.5), "eps": (0.0, 0.01)}


def hypers(prefix: str, name: str, end: int, with_lr: bool = True) -> dict:
    """The sliders of the optimizer ``name`` (keys ``{prefix}{name}_{hyper}``) all at their lowest (``end=0``) or
    highest (``end=1``)."""
    return {f"{prefix}{name}_{hyper}": HYPER_ENDS[hyper][end] for hyper in DEFAULTS[name]
            if with_lr or hyper != "lr"}


TWO_STARTS = {"init_schemes": ["unit_normal", "he_normal"]}  # two initializers, so that training stays quick
ALL_SCHEMES = ["small_normal", "unit_normal", "standard_uniform", "lecun_normal", "xavier_normal", "xavier_uniform",
               "he_normal", "he_uniform"]
SECTIONS = ("race", "learning_rate", "sgd", "map")
LAB = {"lab_optimizers": list(NAMES)}  # the optimizer lab with every optimizer in the race
SANDBOX = {"pg_steps": 100}  # the sandbox on a short run
FUNCTIONS, STARTS, SCHEDULE_KINDS, DATA_SETS = list(ACTIVATIONS), list(INITIALIZERS), list(SCHEDULES), list(DATA)

CONTRACTS = {
    "home": Contract(charts=lambda _: 0, invalid=("lang=de",)),
    "activations": Contract(
        charts=lambda controls: 5 if controls["act_fns"] else 1,  # the cost of every function stays
        max_chart_bytes=300_000,
        extremes=(
            *each({"act_fns": FUNCTIONS},
                  act_fns=([], FUNCTIONS),
                  act_x=((-100.0, 100.0), (-100.0, -100.0), (100.0, 100.0), (0.0, 0.5)),
                  act_alpha_leaky=(0.0, 1.0), act_alpha_elu=(0.0, 3.0), act_sat=(1, 20), act_depth=(1, 50),
                  act_width=(8, 128), act_scale=(0.1, 10.0), act_bias=(-6.0, 2.0), act_batch=(8, 256),
                  act_mu=(-3.0, 3.0), act_sigma=(0.1, 10.0), act_seed=(0, 9999)),
            {"act_fns": FUNCTIONS, "act_x": (-100.0, -100.0), "act_alpha_leaky": 0.0, "act_alpha_elu": 0.0,
             "act_sat": 1, "act_depth": 50, "act_width": 8, "act_scale": 0.1, "act_bias": -6.0, "act_batch": 8,
             "act_mu": -3.0, "act_sigma": 0.1, "act_seed": 9999},
            {"act_fns": FUNCTIONS, "act_x": (100.0, 100.0), "act_alpha_leaky": 1.0, "act_alpha_elu": 3.0,
             "act_sat": 20, "act_depth": 50, "act_width": 128, "act_scale": 10.0, "act_bias": 2.0, "act_batch": 256,
             "act_mu": 3.0, "act_sigma": 10.0},
            {"act_fns": FUNCTIONS, "act_x": (-0.5, 0.0), "act_depth": 1, "act_scale": 10.0, "act_mu": 3.0,
             "act_sigma": 0.1, "act_alpha_elu": 3.0, "act_bias": -6.0},
        ),
        invalid=("act_fns=Swish", "act_fns=nonsense", "act_x=wide", ("act_alpha_leaky=-1", {"act_alpha_leaky": 0.0}),
                 "act_alpha_elu=inf",
                 "act_sat=7%", "act_depth=1000", "act_width=9", ("act_scale=0.123", {"act_scale": 0.15}),
                 "act_bias=nan", "act_batch=7",
                 ("act_mu=1e9", {"act_mu": 3.0}), ("act_sigma=-1", {"act_sigma": 0.1}), "act_seed=-3"),
    ),
    "initialization": Contract(
        charts=lambda controls: 12 if controls["init_schemes"] else 10,
        max_chart_bytes=400_000,
        extremes=(
            *each(TWO_STARTS, init_seed=(9999,), init_sym_act=("relu", "sigmoid"),
                  init_sym_data=("spirals", "xor", "moons"), init_sym_units=(2, 16), init_sym_const=(-1.0, 0.0, 1.0),
                  init_sym_std=(0.001, 1.0), init_sym_steps=(10, 1000), init_sym_lr=(0.01, 5.0), init_fan_in=(1, 1000),
                  init_var_w=(1e-4, 1.0), init_var_x=(0.01, 100.0), init_mean_x=(3.0,),
                  init_act=("linear", "sigmoid", "relu", "leaky_relu", "elu", "gelu"), init_schemes=([],),
                  init_depth=(1, 50), init_width=(16, 512), init_stack_var=(0.01, 100.0),
                  init_small_std=(0.001, 1.0), init_hist=ALL_SCHEMES, init_g_in=(8, 1024), init_g_out=(8, 1024)),
            # the training's controls (each state a training of every shown start over ten seeds), on short runs
            {**TWO_STARTS, "init_train_act": "relu", "init_train_data": "spirals", "init_train_depth": 1,
             "init_train_epochs": 5, "init_train_lr": 0.001},
            {**TWO_STARTS, "init_train_act": "gelu", "init_train_data": "xor", "init_train_depth": 12,
             "init_train_epochs": 5, "init_train_lr": 1.0, "init_train_seeds": True},
            *({**TWO_STARTS, "init_train_act": act, "init_train_data": data, "init_train_epochs": 5}
              for act, data in (("elu", "moons"), ("leaky_relu", "circles"), ("sigmoid", "circles"))),
            {"init_schemes": ALL_SCHEMES, "init_train_epochs": 5},
            {"init_seed": 9999, "init_sym_act": "relu", "init_sym_units": 16, "init_sym_const": 1.0,
             "init_sym_std": 1.0, "init_sym_steps": 1000, "init_sym_lr": 5.0, "init_fan_in": 1000, "init_var_w": 1.0,
             "init_var_x": 100.0, "init_mean_x": 3.0, "init_act": "linear", "init_schemes": ALL_SCHEMES,
             "init_depth": 50, "init_width": 512, "init_stack_var": 100.0, "init_small_std": 1.0,
             "init_hist": "unit_normal", "init_g_in": 1024, "init_g_out": 8, "init_train_act": "relu",
             "init_train_depth": 12, "init_train_epochs": 5, "init_train_lr": 1.0},
            {"init_sym_act": "sigmoid", "init_sym_units": 2, "init_sym_const": -1.0, "init_sym_std": 0.001,
             "init_sym_steps": 10, "init_sym_lr": 0.01, "init_fan_in": 1, "init_var_w": 0.0001, "init_var_x": 0.01,
             "init_act": "gelu", "init_schemes": ALL_SCHEMES, "init_depth": 50, "init_width": 16,
             "init_stack_var": 0.01, "init_small_std": 0.001, "init_hist": "small_normal", "init_g_in": 8,
             "init_g_out": 1024, "init_train_act": "gelu", "init_train_depth": 1, "init_train_epochs": 5,
             "init_train_lr": 0.001},
        ),
        invalid=("init_act=swish", "init_schemes=glorot", "init_width=9", "init_depth=1000",
                 ("init_sym_std=0.123", {"init_sym_std": 0.15}),
                 "init_seed=-3", "init_mean_x=nan", "init_var_w=inf", "init_hist=zeros", "init_train_epochs=0",
                 "init_sym_data=iris", "init_g_in=7", "init_train_seeds=maybe"),
    ),
    "feature_scaling": Contract(
        charts=lambda _: 3,
        extremes=(
            *each(x_scale=(0.01, 100.0), lr=(0.0001, 10.0), steps=(1, 500), noise=(0.0, 2.0), seed=(0, 9999),
                  w1=(-10.0, 10.0), w2=(-10.0, 10.0), standardize=(True,)),
            *({"lr": 10.0, "steps": 500, "x_scale": 100.0, "optimizer": name, **hypers("", name, end, with_lr=False)}
              for name in NAMES for end in (1, 0)),
        ),
        invalid=("lr=banana", ("lr=-1", {"lr": 0.0001}), ("x_scale=1e9", {"x_scale": 100.0}), "optimizer=sgd++",
                 "steps=100000", "steps=nan", "seed=-3",
                 "w1=inf", "lang=de", "standardize=maybe"),
    ),
    "batch_norm": Contract(
        charts=lambda _: 7,
        extremes=(
            # each state trains the deep networks and sweeps the rates over ten seeds
            {"bn_layer_n": 2, "bn_gamma": -2.0, "bn_beta": -4.0, "bn_momentum": 0.001, "bn_stream_n": 2,
             "bn_stream_steps": 10, "bn_mu": -5.0, "bn_sigma": 0.1, "bn_batch": 1, "bn_x0": -10.0, "bn_depth": 2,
             "bn_lr": 0.001, "bn_steps": 50, "bn_seed": 0, "bn_show": "inputs", "bn_act": "tanh", "bn_data": "circles"},
            {"bn_layer_n": 256, "bn_gamma": 4.0, "bn_beta": 4.0, "bn_momentum": 1.0, "bn_stream_n": 256,
             "bn_stream_steps": 1000, "bn_mu": 5.0, "bn_sigma": 5.0, "bn_batch": 256, "bn_x0": 10.0, "bn_depth": 12,
             "bn_lr": 100.0, "bn_steps": 600, "bn_seed": 9999, "bn_undo": True, "bn_debias": True, "bn_act": "relu",
             "bn_data": "xor"},
            {"bn_data": "spirals", "bn_depth": 2, "bn_steps": 50},
        ),
        invalid=("bn_gamma=abc", "bn_batch=7", "bn_act=softmax", ("bn_momentum=0.123", {"bn_momentum": 0.15}),
                 "bn_show=xyz", "bn_depth=99",
                 ("bn_lr=-1", {"bn_lr": 0.001}), "bn_data=mnist", "bn_steps=nan", "bn_seed=-3"),
    ),
    "dropout": Contract(
        # the thinned network, the masks and the curves; a boundary per network; Monte-Carlo's two pictures
        charts=lambda controls: 3 + 1 + len(controls["do_rates"]) + 2 * bool(controls["do_rates"]),
        extremes=(
            *each(do_p=(0.0, 0.95), do_units=(2, 12), do_steps=(5, 60), do_masks=(10, 100000),
                  do_passes=(10, 100), do_mc=("0.2", "0.9"), do_val=(True,), do_rates=([],)),
            # each state trains the networks over ten seeds: on small sets and short runs but for the largest
            {"do_noise": 0.0, "do_n": 25, "do_width": 4, "do_epochs": 50, "do_lr": 0.001, "do_seed": 0,
             "do_data": "circles"},
            ({"do_noise": 0.6, "do_n": 200, "do_width": 64, "do_epochs": 300, "do_lr": 0.1, "do_seed": 9999,
              "do_rates": ["0.1", "0.8", "0.9", "0.95"], "do_passes": 100}, {"do_mc": "0.95"}),
            {"do_data": "xor", "do_shown": "accuracy", "do_n": 25, "do_epochs": 50},
            {"do_data": "spirals", "do_p": 0.95, "do_n": 25, "do_epochs": 50},
        ),
        invalid=("do_p=abc", "do_units=99", ("do_masks=-3", {"do_masks": 10.0}), "do_data=nope", "do_n=7", "do_width=x",
                 "do_rates=zzz&do_rates=0.33", "do_mc=0.33", "do_seed=-5", "do_passes=1e9", "do_shown=pie"),
    ),
    "optimizer_lab": Contract(
        charts=lambda controls: {"race": 1 if controls["lab_optimizers"] else 0, "learning_rate": 2, "sgd": 2,
                                 "map": 1}[controls["lab_section"]],
        max_chart_bytes=1_500_000,
        extremes=(
            *each(lab_surface=tuple(SURFACES), lab_steps=(10, 500), lab_optimizers=([], list(NAMES)),
                  lab_w1=(LOW, HIGH), lab_w2=(LOW, HIGH), lab_seed=(0, 9999), lab_rates=("same", "own")),
            *({**LAB, "lab_surface": surface, key: value, "lab_section": section}
              for surface, key, values in (("quadratic", "lab_kappa", (1.0, 1000.0)),
                                           ("quadratic", "lab_angle", (0, 90)),
                                           ("regression", "lab_x_scale", (0.01, 100.0)),
                                           ("regression", "lab_noise", (0.0, 2.0)),
                                           ("regression", "lab_data_seed", (9999,)))
              for value in values for section in SECTIONS),
            # each optimizer's sliders at their ends, then looked inside at the first step and the last
            *(({**LAB, "lab_surface": "rosenbrock", "lab_rates": "own"},
               {**hypers("lab_", name, end), "lab_inspect": name, "lab_step": step})
              for name in NAMES for end, step in ((1, 1), (0, 200))),
            ({"lab_rates": "same"}, {"lab_same_lr": 1e-05}),
            ({"lab_rates": "same"}, {"lab_same_lr": 10.0}),
            # AdaGrad's ε at 0 in the race's sidebar, then AdaGrad's stability map
            ({**LAB, "lab_adagrad_eps": 0.0}, {"lab_section": "map", "lab_map_optimizer": "adagrad"}),
            *each({**LAB, "lab_section": "race"}, lab_tol=(1e-08, 1.0)),
            *each({**LAB, "lab_section": "learning_rate"}, lab_gamma=(0.05, 1.0), lab_step_size=(1, 250),
                  lab_lr_batch=(1, 1000), lab_schedule_lr=(0.001, 2.0),
                  lab_schedule=("constant", "exponential", "cosine", "inverse_time")),
            *each({**LAB, "lab_section": "learning_rate", "lab_schedule": "inverse_time"}, lab_decay_rate=(0.0, 1.0)),
            *each({**LAB, "lab_section": "sgd"}, lab_batch=(1, 1000), lab_seeds=(1, 20), lab_sgd_lr=(0.0001, 1.0),
                  lab_escape_lr=(0.001, 0.1), lab_escape_noise=(0.0, 100.0), lab_escape_momentum=(0.0, 0.99),
                  lab_escape_runs=(1, 50), lab_sgd_epochs=(True,)),
            *each({**LAB, "lab_section": "map"}, lab_map_optimizer=tuple(NAMES), lab_map_steps=(10, 500)),
            *(({"lab_section": "map", "lab_surface": surface, "lab_map_optimizer": name}, {"lab_map_axis": axis})
              for surface, axis in (("quadratic", "kappa"), ("regression", "x_scale"))
              for name in ("gd", "nesterov", "adam")),
        ),
        invalid=("lab_surface=Nowhere", "lab_steps=100000", "lab_steps=nan",
                 # a link that names a rate sets the rates by hand
                 ("lab_gd_lr=banana", {"lab_rates": "own", "lab_gd_lr": SURFACES["regression"].lrs["gd"]}),
                 "lab_optimizers=SGD++", "lab_section=Everything", "lab_w1=inf", "lab_w2=-1e9", "lab_map_axis=zeta",
                 "lab_inspect=Lion", "lab_step=-4", "lab_batch=3"),
    ),
    "backprop": Contract(
        charts=lambda _: 3,
        extremes=each(
            {"bp_step": 18},
            bp_act=FUNCTIONS, bp_x1=(-3.0, 3.0), bp_x2=(-3.0, 3.0), bp_y=(-3.0, 3.0), bp_seed=(0, 9999),
            **{key: (-3.0, 3.0) for key in ("bp_w11", "bp_w12", "bp_w13", "bp_w21", "bp_w22", "bp_w23", "bp_b1",
                                            "bp_b2", "bp_b3", "bp_v1", "bp_v2", "bp_v3", "bp_c")},
            bp_n=(1, 6), bp_d=(1, 5), bp_m=(1, 4), bp_matrix=(9999,), bp_step=(0, 18), bp_size=(8, 1024),
            bp_bug=("no_activation_grad", "loss_factor", "reshaped_dw"),
        ),
        invalid=("bp_act=swish++", "bp_x1=nan", "bp_step=99", "bp_w11=inf", "bp_seed=-3", "bp_n=0", "bp_bug=typo",
                 "bp_size=7"),
    ),
    "playground": Contract(
        charts=lambda controls: 2 if controls["pg_compare"] else 1,
        gaps=True,  # the boundary and the bands of the probability are broken lines
        extremes=(
            *each(SANDBOX, pg_noise=(0.0, 0.6), pg_n=(50, 800), pg_layers=(1, 8), pg_width=(2, 64), pg_bn=(True,),
                  pg_drop=(0.9,), pg_batch=(4, 256), pg_seed=(9999,), pg_steps=(2000,)),
            *({**SANDBOX, "pg_data": DATA_SETS[index % len(DATA_SETS)], "pg_act": FUNCTIONS[index % len(FUNCTIONS)],
               "pg_init": init, "pg_schedule": SCHEDULE_KINDS[index % len(SCHEDULE_KINDS)]}
              for index, init in enumerate(STARTS)),
            *({**SANDBOX, "pg_opt": name, **hypers("pg_", name, end)} for name in NAMES for end in (1, 0)),
            *({**SANDBOX, "pg_compare": True, "pg_b_act": FUNCTIONS[index % len(FUNCTIONS)], "pg_b_init": init,
               "pg_b_opt": NAMES[index % len(NAMES)]} for index, init in enumerate(STARTS)),
            {**SANDBOX, "pg_compare": True, "pg_b_bn": False, "pg_b_drop": 0.9, "pg_b_lr": 1e-05},
            {**SANDBOX, "pg_compare": True, "pg_b_lr": 10.0},
        ),
        invalid=("pg_data=nope", "pg_act=bogus", "pg_init=ones", "pg_schedule=weekly", "pg_n=7", "pg_layers=99",
                 "pg_width=3", "pg_batch=nan", "pg_opt=lbfgs", "pg_adam_lr=inf", ("pg_drop=1.5", {"pg_drop": 0.9}),
                 "pg_seed=-5",
                 "pg_steps=10"),
    ),
}


def assert_sound(app, page: str) -> None:
    """What the contract asks of every state, for one app of ``page`` in a state of a lesson's own test: no exception,
    and every chart finite, whole (unless the page's charts have gaps) and no larger than the page allows."""
    assert not app.exception, [error.value for error in app.exception]
    contract = CONTRACTS[page]
    for index, spec in enumerate(chart.proto.spec for chart in app.get("plotly_chart")):
        assert not not_finite(spec), f"chart {index} holds {not_finite(spec)[:3]}"
        assert contract.gaps or not gaps(spec), f"chart {index} misses {gaps(spec)} numbers"
        assert len(spec) <= contract.max_chart_bytes, f"chart {index} is {len(spec):,} bytes"
