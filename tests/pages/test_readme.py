"""The README's notebook example runs as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_example_runs(capsys):
    code = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    assert "(51, 2)" in capsys.readouterr().out


def test_readme_shows_the_two_commands():
    text = README.read_text()
    assert "pip install -r requirements.txt && streamlit run app.py" in text
    assert "python -m pytest" in text
