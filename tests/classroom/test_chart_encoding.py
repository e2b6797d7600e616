"""Every chart is encoded by orjson (a requirement of the app): Plotly picks it when it is installed, and it gives the
same JSON as the standard library's encoder, faster."""

import json

import numpy as np
import plotly.io as pio
from plotly.io._json import JsonConfig

from ui.figures import FinishedFigure, typed


def test_plotly_picks_orjson():
    assert pio.json.config.default_engine == "auto"
    JsonConfig.validate_orjson()  # raises when orjson is missing


def test_a_finished_figure_encodes_the_same_with_orjson_as_with_json():
    figure = FinishedFigure({
        "data": [{"type": "scatter", "x": [0.1, None, 1e-300], "y": typed(np.array([1.0, 2.5, -3.0])),
                  "name": "Скорость обучения"}],
        "layout": {"title": {"text": "</script> & <b>η</b>"}},
        "frames": [{"name": "1", "data": [{"y": [1, 2, 3]}]}],
    })
    fast, plain = (pio.to_json(figure, validate=False, engine=engine) for engine in ("orjson", "json"))
    assert json.loads(fast) == json.loads(plain) == figure.to_dict()
    assert "</script>" not in fast  # Plotly escapes it in both
