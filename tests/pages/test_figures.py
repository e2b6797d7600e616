"""Figure builders: the PNG surfaces, frame selection, clipping and the animated spec."""

import io
import json

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from support.apptest import decode
from ui import figures, raster
from ui.palette import SURFACE_COLORSCALE


def test_png_encoder_round_trips_through_a_real_decoder():
    rgb = np.random.default_rng(0).integers(0, 256, size=(7, 11, 3), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(raster.png(rgb))).convert("RGB"))
    np.testing.assert_array_equal(decoded, rgb)


def test_surface_picture_is_lighter_where_the_loss_is_lower_and_lines_mark_the_levels():
    w1, w2 = np.meshgrid(np.linspace(-1, 1, 60), np.linspace(-1, 1, 60))
    heights = w1**2 + w2**2
    picture = raster.contour_pixels(heights, SURFACE_COLORSCALE).astype(int)
    centre, corner = picture[30, 30].sum(), picture[0, 0].sum()
    assert centre > corner
    assert tuple(picture[30, 30]) == (255, 255, 255)  # the lowest band is the scale's first colour
    row = picture[30].sum(axis=-1)
    assert np.sum(np.diff(row) != 0) > 10  # bands and their darker edges alternate along a line


def test_surface_picture_is_upside_down_to_the_grid():
    """Row 0 of a picture is the top of the chart, the largest w2."""
    heights = np.tile(np.linspace(0, 1, 40)[:, None], (1, 5))  # grows with w2 (the row index)
    picture = raster.contour_pixels(heights, SURFACE_COLORSCALE).astype(int)
    assert picture[0].sum() < picture[-1].sum()


@given(steps=st.integers(0, 5000), max_frames=st.integers(1, 200))
def test_frame_steps_cover_start_and_end_within_budget(steps, max_frames):
    chosen = figures.frame_steps(steps, max_frames)
    assert chosen[0] == 0 and chosen[-1] == steps
    assert len(chosen) <= max_frames + 1
    assert np.all(np.diff(chosen) > 0)
    if len(chosen) > 2:  # round steps, and the last (which may fall between them)
        assert chosen[1] in figures.ROUND_STRIDES and np.all(chosen[:-1] % chosen[1] == 0)


def test_clip_to_view_keeps_points_inside():
    points = np.array([[1e300, -1e300], [0.5, 0.5], [-7.0, 9.0]])
    clipped = figures.clip_to_view(points, ((-1.0, 1.0), (-2.0, 2.0)))
    np.testing.assert_array_equal(clipped, [[1.0, -2.0], [0.5, 0.5], [-1.0, 2.0]])


def test_typed_arrays_decode_to_the_values():
    values = np.arange(12.0).reshape(3, 4)
    spec = json.loads(json.dumps(figures.typed(values)))
    np.testing.assert_array_equal(decode(spec), values.astype(np.float32))
