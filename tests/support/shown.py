"""Everything a page shows as text, read from a run of the page in AppTest, for the rules on how text is written.

A page is opened (``support.runs``) in each state a class sees it in (``states``): at its defaults, in every section
of a page with sections, and from every link of its "Experiments from the lesson". From each run every string the
page sends to the browser is collected: texts, captions, alerts, headings, formulas, metrics, widget labels, helps
and option labels, tables (HTML), and every string of every chart's Plotly spec (titles, names, hover templates,
annotations, button labels), frames included. Strings that are no text for a reader (colours, ids, URL keys,
formats of number inputs, encoded arrays) are left out.
"""

from __future__ import annotations

import ast
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from google.protobuf.message import Message
from streamlit.testing.v1.element_tree import Block

from pages import HOME, lesson_pages

ROOT = Path(__file__).resolve().parents[2]
# Proto fields and spec keys whose strings are for the machine, not the reader.
MACHINE_FIELDS = {"id", "form_id", "query_param_key", "format", "icon", "data_type", "type", "key", "url", "src",
                  "page_script_hash", "page", "fragment_id", "scroll", "alignment", "hash", "delta_path", "raw_value",
                  "raw_values", "tag", "theme", "config", "deferred_file_id", "default", "value"}
MACHINE_SPEC_KEYS = {"path", "dtype", "bdata", "shape", "family", "uid", "legendgroup", "type", "mode", "xref", "yref",
                     "anchor", "overlaying", "side", "matches", "scaleanchor", "xaxis", "yaxis", "hoverinfo", "fill",
                     "textposition", "method", "args", "args2", "execute", "name_of_frame", "redraw", "easing",
                     "ticklabelposition", "dragmode", "hovermode", "barmode", "automargin", "layer", "visible",
                     "xanchor", "yanchor", "valign", "align", "orientation", "direction", "tickmode", "exponentformat",
                     "separators", "sizex", "sizey", "sizing", "source", "coloraxis", "showscale", "line_shape",
                     "fillpattern", "constraintoward", "spikemode", "spikesnap", "autorange", "ticks",
                     "textinfo", "insidetextanchor", "clip", "entrywidthmode", "itemclick", "itemdoubleclick",
                     "groupclick", "traceorder", "categoryorder", "position", "transition", "frame", "mode_bar",
                     "scaleratio", "constrain", "rangemode", "ticklabeloverflow", "hoverongaps", "cliponaxis",
                     "contours", "label_font"}


PAGES = ["home", *(page.url_path for page in lesson_pages())]
SECTIONS = {"optimizer_lab": ("learning_rate", "sgd", "map")}  # sections other than the one a page opens on


@dataclass(frozen=True)
class Shown:
    """A string the page showed: in which ``state`` of which page, ``where`` on it, and the ``text``."""

    state: str
    where: str
    text: str


def script(page: str) -> str:
    return HOME.script if page == "home" else f"pages/{page}/page.py"


def experiments(page: str) -> dict[str, str]:
    """The page's "Experiments from the lesson": {name: query}, read from its ``EXPERIMENTS``."""
    if page == "home":
        return {}
    tree = ast.parse((ROOT / script(page)).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXPERIMENTS":
            return ast.literal_eval(node.value)
    return {}


def states(page: str) -> dict[str, str]:
    """{name: query} of every state of ``page`` a class sees it in: defaults, sections, experiment links."""
    found = {"defaults": ""}
    found.update({f"section {name}": f"lab_section={name}" for name in SECTIONS.get(page, ())})
    found.update({f"experiment {name}": query for name, query in experiments(page).items()})
    return found


def as_read(text: str) -> str:
    """The text a reader sees in ``text``: HTML tags (of tables, of hover templates, of links) and entities resolved;
    ``<code>`` stays a code span (```code```), as in Markdown."""
    if "<" not in text and "&" not in text:
        return text
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?code>", "`", text)))


def shown_strings(block: Block):
    """(where, text) of every string below ``block`` that a reader sees."""
    if isinstance(getattr(block, "proto", None), Message):
        yield from proto_strings(block.proto, block.type)
    for child in block.children.values():
        if isinstance(child, Block):
            yield from shown_strings(child)
        elif isinstance(getattr(child, "proto", None), Message):
            yield from proto_strings(child.proto, child.type)


def proto_strings(message: Message, where: str):
    for field, value in message.ListFields():
        if field.name in MACHINE_FIELDS:
            continue
        here = f"{where}.{field.name}"
        if field.name == "spec" and isinstance(value, str):  # a Plotly chart
            yield from spec_strings(json.loads(value), here)
            continue
        items = value if getattr(field, "is_repeated", False) else [value]
        for item in items:
            if isinstance(item, Message):
                yield from proto_strings(item, here)
            elif isinstance(item, str):
                yield here, item


def spec_strings(node, where: str):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in MACHINE_SPEC_KEYS or "color" in key or key == "customdata" and not _strings(value):
                continue
            yield from spec_strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from spec_strings(value, f"{where}[{index}]")
    elif isinstance(node, str):
        yield where, node


def _strings(value) -> bool:
    return isinstance(value, list) and any(isinstance(item, str) for item in value)
