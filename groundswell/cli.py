"""The ``groundswell`` command line. Each area's commands live in ``groundswell/commands/``.

Errors from the project's exception tree become one clear line on stderr: a configuration
error exits with status 2, any other Groundswell error with status 1.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from .config import Config, config_path, load_config
from .errors import ConfigError, GroundswellError, ImportDataError
from .store import Store

__all__ = ["app", "config_file", "main", "open_store", "plain", "safe", "settings"]

console = Console()
err_console = Console(stderr=True)

# C0 and C1 control characters (ANSI escapes, bells, carriage returns) and the Unicode
# controls that reorder or hide text (bidi embeddings, overrides and isolates, zero-width marks).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain(text: object, *, newlines: bool = True) -> str:
    """Text from outside (post text, server replies, file contents) made safe for a terminal:
    control and bidi characters are shown as escapes (``\\x1b``, ``\\u202e``), never obeyed.
    With ``newlines=False`` a line break is shown as ``\\n`` too, so one item stays one line."""
    text = _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
    return text if newlines else text.replace("\n", "\\n")


def safe(text: object, *, newlines: bool = True) -> str:
    """:func:`plain`, and Rich markup escaped, for text spliced into a Rich markup string."""
    return escape(plain(text, newlines=newlines))


class _PlainFormatter(logging.Formatter):
    """Log lines quote errors from remote services: show their control characters, never obey them."""

    def format(self, record: logging.LogRecord) -> str:
        return plain(super().format(record))


class _Group(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            err_console.print(f"[bold red]Configuration error[/]\n{safe(exc)}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from exc
        except ImportDataError:
            raise typer.Exit(1) from None
        except GroundswellError as exc:
            err_console.print(f"[bold red]Error:[/] {safe(exc)}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc
        except BrokenPipeError:  # `groundswell export | head`: the reader has all it wanted
            raise typer.Exit(1) from None
        except OSError as exc:  # a full disk, a missing folder, a refused permission: say which
            if _state["verbose"]:
                raise
            err_console.print(f"[bold red]Error:[/] {safe(exc)} [dim](-v shows where)[/]", highlight=False,
                              soft_wrap=True)  # fmt: skip
            raise typer.Exit(1) from exc


app = typer.Typer(
    cls=_Group,
    help="Groundswell: hear what people say in public about care, and tell leaders once a week.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)

_state: dict[str, Any] = {"config": None, "verbose": False}


@app.callback()
def _main(
    config: Path | None = typer.Option(
        None, "--config", "-c", envvar="GROUNDSWELL_CONFIG", help="Config file (default: ./groundswell.toml)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens."),
) -> None:
    _state["config"] = config
    _state["verbose"] = verbose
    handler = logging.StreamHandler()
    handler.setFormatter(_PlainFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


def config_file() -> Path:
    """The config file this invocation uses: --config, else GROUNDSWELL_CONFIG, else ./groundswell.toml."""
    return config_path(_state["config"])


def settings() -> Config:
    """The validated configuration for this invocation."""
    return load_config(config_file())


def open_store(config: Config) -> Store:
    return Store.open(config.database_url)


from .commands import core, digest, models, run  # noqa: E402,F401  (registers the commands)


def main() -> None:
    app()
