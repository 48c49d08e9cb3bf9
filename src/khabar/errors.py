"""Exception types with coded, actionable messages.

Every message names the input it is about and says what is wrong, so a user can
fix the input without reading code. Codes are stable: scripts may match them.
"""

from __future__ import annotations


class KhabarError(Exception):
    code = "K000"

    def __init__(self, message: str, *, input_name: str = "", line: int | None = None):
        self.input_name = input_name
        self.line = line
        where = input_name + (f":{line}" if line is not None else "")
        super().__init__(f"{self.code}: {where + ': ' if where else ''}{message}")
        self.message = message


class InputNotFound(KhabarError):
    code = "K001"


class NotText(KhabarError):
    """Binary content or undecodable bytes where text was expected."""

    code = "K002"


class EmptyInput(KhabarError):
    code = "K003"


class MalformedJSON(KhabarError):
    code = "K004"


class MissingField(KhabarError):
    code = "K005"


class TooLarge(KhabarError):
    code = "K006"


class NotAFeed(KhabarError):
    code = "K007"


class BadHTML(KhabarError):
    code = "K008"


class BadWARC(KhabarError):
    code = "K009"


class FetchFailed(KhabarError):
    code = "K010"


class UnknownFormat(KhabarError):
    code = "K011"


class BadSetting(KhabarError, ValueError):
    """A setting (TOML, environment or option) with a value khabar does not know."""

    code = "K012"


class UnknownLanguage(KhabarError, ValueError):
    """A language code khabar has no lang/<code>/ data for."""

    code = "K013"


class BadParameter(KhabarError, ValueError):
    """A listing or query parameter (an order, a day) khabar does not accept."""

    code = "K014"


class StepFailed(KhabarError):
    """A processing step raised on one report: the report is rejected, the batch goes on."""

    code = "K040"


class StoreError(KhabarError):
    code = "K020"


class NotFound(KhabarError):
    """A story, article or entity id that is not in the store."""

    code = "K021"


class MissingDependency(KhabarError):
    code = "K030"

    def __init__(self, package: str, extra: str, purpose: str):
        super().__init__(
            f"{purpose} needs the '{package}' package: pip install 'khabar[{extra}]'"
        )


def requires(module: str, extra: str, purpose: str):
    """Import an optional dependency or raise an error saying what to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise MissingDependency(module, extra, purpose) from exc
