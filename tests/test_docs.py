"""Every CLI command has help with an example."""

import pytest
from click.testing import CliRunner

from khabar.cli import cli


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`khabar {name} --help` shows no example"


def test_the_group_help_has_an_example():
    assert "Example" in CliRunner().invoke(cli, ["--help"]).output
