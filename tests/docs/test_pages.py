"""The documentation: the site builds without a warning, the tutorial's and how-to guides' code
runs and prints what the pages show, every command is documented, the pages ship with the package."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

import twolevel as tl
from twolevel import cli
from twolevel.cli import parser

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"


def blocks(page, lang):
    return re.findall(rf"^```{lang}\n(.*?)^```", (DOCS / page).read_text(encoding="utf-8"),
                      re.M | re.S)


def test_the_site_builds_without_warnings(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-d", str(tmp_path / "site")], cwd=REPO, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "solve_arrays" in api and "Kalai" in (tmp_path / "site" / "MODEL" /
                                                   "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["tutorial.md", "howto.md"])
def test_python_blocks_run(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    for code in blocks(page, "python"):
        exec(compile(code, page, "exec"), namespace)


def test_tutorial_shows_what_the_code_prints(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(blocks("tutorial.md", "python")[0], "tutorial.md", "exec"), namespace)
    shown_repr, shown_table = blocks("tutorial.md", "text")
    assert " ".join(shown_repr.split()) == repr(namespace["out"])
    (scenario,) = blocks("tutorial.md", "toml")
    (tmp_path / "korea_chile.toml").write_text(scenario)
    assert cli.main(["solve", "korea_chile.toml"]) == 0
    assert capsys.readouterr().out == shown_table
    assert tl.solve(tl.load("korea_chile.toml")).concession == namespace["out"].concession


def test_every_command_is_documented():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command in parser.COMMANDS:
        name = command.__name__.rsplit(".", 1)[-1]
        assert f"`twolevel {name}" in text, name


def test_every_page_is_in_the_site_and_shipped():
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.stem for p in DOCS.glob("*.md"))
    assert [p for p in pages if f"{p}.md" not in nav] == []
    assert tl.docs.names() == pages
    assert tl.docs.read("model") == (DOCS / "MODEL.md").read_text(encoding="utf-8")
    with pytest.raises(tl.TwoLevelError, match="page: unknown page 'nope' "):
        tl.docs.path("nope")
