"""The README stays a short guide for a newcomer, and the documents it points to stay true.

- The README shows the two commands a newcomer types, exactly.
- Every python block of docs/dl_core.md runs, in order and in one namespace, and prints what its comments say.
- Every relative link and image of the README and of docs/ points to a file that exists.
- The README stays short and holds no measured figure: figures live in docs/, so the README does not change when
  one does.
"""

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DL_CORE = ROOT / "docs" / "dl_core.md"

RUN = "pip install -r requirements.txt && streamlit run app.py"
TEST = "pip install -r requirements-dev.txt && python -m pytest"
README_MAX_LINES = 110

FENCE = re.compile(r"^```.*?^```", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")  # [text](target), ![alt](target)
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?([^\s>]+)", re.M)  # [label]: target
HTML = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""")  # <img src="...">, <a href="...">
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # http:, https:, mailto:
# A measured figure: a number with a unit of time, memory, share or load.
FIGURE = re.compile(
    r"\d[\d,.]*\s*(?:-\s*\d[\d,.]*\s*)?"
    r"(?:ms|s|KB|MB|GB|%|fps|frames|cores?|students|actions|samples|minutes|seconds)\b"
)


def code_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def relative_links(text: str) -> list[str]:
    """The link and image targets of a markdown text that are paths in the repository (no anchors, no URLs)."""
    prose = INLINE_CODE.sub("", FENCE.sub("", text))
    targets = [target for pattern in (LINK, REFERENCE, HTML) for target in pattern.findall(prose)]
    return [unquote(t.split("#")[0]) for t in targets if not SCHEME.match(t) and not t.startswith("#")]


def resolve(document: Path, target: str) -> Path:
    return ROOT / target.lstrip("/") if target.startswith("/") else document.parent / target


def test_readme_shows_the_two_commands():
    lines = {line.strip() for block in code_blocks(README.read_text(), "bash") for line in block.splitlines()}
    assert RUN in lines
    assert TEST in lines


def test_dl_core_examples_run(capsys):
    blocks = code_blocks(DL_CORE.read_text(), "python")
    assert len(blocks) >= 2, "docs/dl_core.md lost its examples"
    namespace: dict = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/dl_core.md, python block {number}", "exec"), namespace)
    out = capsys.readouterr().out

    # Ten seeds in lockstep: a record before training and one per epoch (30), a column per seed; every seed learns
    # the moons (its worst final training accuracy follows the shape).
    lockstep = re.search(r"^\(31, 10\) ([\d.]+)$", out, re.M)
    assert lockstep, out
    assert float(lockstep.group(1)) >= 0.9
    # Gradient descent for 50 steps: the start and 50 points, each (w1, w2).
    assert "(51, 2)" in out
    # Gradient norms of the 2-16-16-2 network: a record before training and one per epoch, a column per layer.
    assert re.search(r"\(31, 3\)$", out, re.M), out
    # The ten seeds of the network with batch norm and dropout: most reach 95 % on the validation set.
    seeds = re.search(r"^(\d+) of 10 seeds above 95%$", out, re.M)
    assert seeds, out
    assert int(seeds.group(1)) >= 8


def test_relative_links_point_to_files():
    documents = [README, *sorted((ROOT / "docs").rglob("*.md"))]
    links = [(document, target) for document in documents for target in relative_links(document.read_text())]
    broken = [f"{d.relative_to(ROOT)}: {t}" for d, t in links if not resolve(d, t).exists()]
    assert not broken


def test_readme_links_the_documents():
    targets = {target.rstrip("/") for target in relative_links(README.read_text())}
    for document in ("docs/dl_core.md", "docs/classroom.md", "docs/glossary.md", "docs/measurements"):
        assert document in targets
    assert any(target.endswith(".png") for target in targets), "the README shows a screenshot"


def test_readme_is_short():
    assert len(README.read_text().splitlines()) <= README_MAX_LINES


def test_readme_holds_no_measured_figure():
    assert FIGURE.findall(README.read_text()) == []
