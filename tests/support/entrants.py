"""Race entrants used by the race tests and the race-arrow tests: every optimizer, most with non-default settings."""

RACE_ENTRANTS = [
    ("gd", {"lr": 0.01}),
    ("momentum", {"lr": 0.005, "momentum": 0.9}),
    ("nesterov", {"lr": 0.005, "momentum": 0.8}),
    ("adagrad", {"lr": 0.5}),
    ("rmsprop", {"lr": 0.02, "alpha": 0.9, "momentum": 0.5}),
    ("adam", {"lr": 0.1, "beta1": 0.8}),
    ("adamw", {"lr": 0.1, "weight_decay": 0.05}),
]
