"""The README's set-up commands, Python example and command-line example are what they say."""
import re
from pathlib import Path

from twolevel import cli

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title):
    """The text of the README section ``## title`` (to the next ``## `` heading)."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def blocks(text, lang):
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.M | re.S)


def test_first_section_is_two_one_line_commands():
    first = re.search(r"^## (.*)$", README, re.M).group(1)
    commands = blocks(section(first), "bash")
    assert len(commands) == 2 and all(c.count("\n") == 1 for c in commands)
    install, test = (c.strip() for c in commands)
    assert install.endswith("twolevel solve --case korea-chile")
    assert "'.[test]'" in test and test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command():
    test = blocks(section("Set-up"), "bash")[1].strip()
    script = (REPO / ".ci" / "run").read_text()
    pytest_call = test.split("&&")[-1].strip().removeprefix(".venv/bin/")
    install = test.split("&&")[1].strip().removeprefix(".venv/bin/")
    assert re.search(rf"^\s*{re.escape(install)}\s*$", script, re.M)
    assert re.search(rf"^\s*{re.escape(pytest_call)}\b", script, re.M)


def test_python_example_runs(tmp_path, monkeypatch):
    (tmp_path / "scenario.toml").write_text(blocks(section("Scenario files"), "toml")[0])
    monkeypatch.chdir(tmp_path)
    (code,) = blocks(section("Python API"), "python")
    exec(compile(code, "README.md", "exec"), {})


def test_table_example_is_the_output_for_the_example_file(tmp_path, capsys):
    path = tmp_path / "scenario.toml"
    path.write_text(blocks(section("Scenario files"), "toml")[0])
    assert cli.main(["solve", str(path)]) == 0
    (shown,) = blocks(section("Command line"), "text")
    assert capsys.readouterr().out == shown
