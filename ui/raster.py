"""Loss surfaces as pictures: filled level bands with level lines, encoded as PNG with the standard library.

Animated charts draw the surface as a background image rather than a contour trace. Plotly.js
hides or redraws contour traces whenever an animation frame updates other traces
(plotly.js#4491, plotly.py#2151); an image in the layout is never touched by frames, stays
drawn throughout playback and costs nothing per frame.
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

LEVELS = 24
LINE_DARKENING = 0.82


def _hex_to_rgb(color: str) -> np.ndarray:
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def band_colors(colorscale: list[list], bands: int) -> np.ndarray:
    """``bands`` RGB colours spread along a Plotly colour scale ``[[position, "#rrggbb"], ...]``."""
    positions = np.array([position for position, _ in colorscale])
    colors = np.stack([_hex_to_rgb(color) for _, color in colorscale])
    where = np.linspace(0.0, 1.0, bands)
    return np.stack([np.interp(where, positions, colors[:, channel]) for channel in range(3)], axis=-1)


def level_bands(values: np.ndarray, levels: int = LEVELS) -> np.ndarray:
    """The band index (0 .. levels-1) of every value, for levels evenly spaced over the finite range."""
    low, high = float(np.min(values)), float(np.max(values))
    if high <= low:
        return np.zeros(values.shape, dtype=int)
    return np.clip(((values - low) / (high - low) * levels).astype(int), 0, levels - 1)


def contour_pixels(values: np.ndarray, colorscale: list[list], levels: int = LEVELS) -> np.ndarray:
    """An RGB picture (uint8, rows top to bottom) of ``values[i2, i1]``: filled bands, darker where bands meet."""
    bands = level_bands(values, levels)
    rgb = band_colors(colorscale, levels)[bands]
    edge = np.zeros(bands.shape, dtype=bool)
    edge[1:, :] |= bands[1:, :] != bands[:-1, :]
    edge[:, 1:] |= bands[:, 1:] != bands[:, :-1]
    rgb[edge] *= LINE_DARKENING
    return np.ascontiguousarray(rgb[::-1].round().astype(np.uint8))  # row 0 is the top, the largest w2


def png(rgb: np.ndarray) -> bytes:
    """Encode an ``(height, width, 3)`` uint8 picture as PNG (8-bit RGB, no filtering)."""
    height, width, _ = rgb.shape
    rows = np.concatenate([np.zeros((height, 1), dtype=np.uint8), rgb.reshape(height, width * 3)], axis=1)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6))
            + chunk(b"IEND", b""))


def data_uri(rgb: np.ndarray) -> str:
    return "data:image/png;base64," + base64.b64encode(png(rgb)).decode("ascii")
