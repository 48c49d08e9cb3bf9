"""What the CLI refuses, and how: dates, settings files, orders and missing databases.

Each mistake is a one-line coded or option-named message and a non-zero exit code, never
a traceback, and a command that only reads never creates a database file.
"""

import os

import pytest
from click.testing import CliRunner

from khabar.cli import cli, main


@pytest.mark.parametrize("day", ["2020-13-45", "2020/03/21", "21-03-2020", "2020-02-30", "yesterday"])
def test_a_malformed_or_impossible_date_names_the_option(tmp_path, day):
    result = CliRunner().invoke(cli, ["stories", "--db", str(tmp_path / "k.db"), "--since", day])
    assert result.exit_code == 2
    assert "--since" in result.output and "YYYY-MM-DD" in result.output and day in result.output


def test_a_real_date_is_accepted_and_normalised():
    from khabar.cli import DAY

    assert DAY.convert("2020-03-21", None, None) == "2020-03-21"


def test_an_unknown_order_is_refused_not_replaced(tmp_path):
    result = CliRunner().invoke(cli, ["stories", "--db", str(tmp_path / "k.db"), "--order", "biggest"])
    assert result.exit_code == 2 and "biggest" in result.output


@pytest.mark.parametrize("text, expected", [
    ("x = [\n", "not valid TOML"),
    ("[cluster]\nthreshold = 'high'\n", "setting 'cluster.threshold': expected float"),
    ("[nosuch]\na = 1\n", "unknown setting 'nosuch'"),
    ("[cluster]\nnosuch = 1\n", "unknown setting 'cluster.nosuch'"),
    ("cluster = 3\n", "setting 'cluster' is a section"),
])
def test_a_settings_file_mistake_is_a_coded_error_naming_the_file(tmp_path, capsys, monkeypatch, text, expected):
    config = tmp_path / "k.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["khabar", "--config", str(config), "stories", "--db", str(tmp_path / "k.db")])
    with pytest.raises(SystemExit) as exit_:
        main()
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith("error: K012: ") and str(config) in err and expected in err
    assert "Traceback" not in err


def test_a_missing_settings_file_is_named(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "none.toml"
    monkeypatch.setattr("sys.argv", ["khabar", "--config", str(missing), "stories", "--db", str(tmp_path / "k.db")])
    with pytest.raises(SystemExit):
        main()
    err = capsys.readouterr().err
    assert "K012" in err and str(missing) in err and "cannot read" in err


def test_a_boolean_setting_must_be_a_boolean(tmp_path):
    # bool("false") is True: a quoted "false" would silently switch the setting on
    from khabar.config import load_settings
    from khabar.errors import BadSetting

    config = tmp_path / "k.toml"
    config.write_text("[cluster]\nsemantic = 'false'\n", encoding="utf-8")
    with pytest.raises(BadSetting, match="cluster.semantic.*expected true or false"):
        load_settings(config)
    config.write_text("[cluster]\nsemantic = false\n", encoding="utf-8")
    assert load_settings(config).cluster.semantic is False


@pytest.mark.parametrize("command", [["stories"], ["articles"], ["search", "कोरोना"], ["entities"], ["story", "s-000001"]])
def test_a_read_only_command_never_creates_a_database(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KHABAR_DB", raising=False)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code != 0
    assert "no database here yet" in str(result.exception) and "khabar ingest" in str(result.exception)
    assert os.listdir(tmp_path) == []
