"""The ``groundswell`` command line. Each area's commands live in ``groundswell/commands/``.

Errors from the project's exception tree become one clear line on stderr: a configuration
error exits with status 2, any other Groundswell error with status 1.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from .config import Config, config_path, load_config
from .errors import ConfigError, GroundswellError, ImportDataError
from .store import Store

__all__ = ["app", "main", "open_store", "settings"]

console = Console()
err_console = Console(stderr=True)


class _Group(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            err_console.print(f"[bold red]Configuration error[/]\n{exc}", highlight=False, markup=True)
            raise typer.Exit(2) from exc
        except ImportDataError:
            raise typer.Exit(1) from None
        except GroundswellError as exc:
            err_console.print(f"[bold red]Error:[/] {exc}", highlight=False)
            raise typer.Exit(1) from exc


app = typer.Typer(
    cls=_Group,
    help="Groundswell: hear what people say in public about care, and tell leaders once a week.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)

_state: dict[str, Path | None] = {"config": None}


@app.callback()
def _main(
    config: Path | None = typer.Option(
        None, "--config", "-c", envvar="GROUNDSWELL_CONFIG", help="Config file (default: ./groundswell.toml)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens."),
) -> None:
    _state["config"] = config
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def settings() -> Config:
    """The validated configuration for this invocation."""
    return load_config(config_path(_state["config"]))


def open_store(config: Config) -> Store:
    return Store.open(config.database_url)


from .commands import core, digest, models, run  # noqa: E402,F401  (registers the commands)


def main() -> None:
    app()
