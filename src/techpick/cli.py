"""Command line: parse, call the library, pick a renderer, print."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from techpick.errors import TechpickError
from techpick.loader import load_catalog


class Exit2(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"techpick: {self.message}", err=True)


@click.group()
def main() -> None:
    """techpick: technology selection as code."""


@main.command()
@click.option("--catalog", "catalog_dir", type=click.Path(path_type=Path), help="catalog directory")
def validate(catalog_dir: Path | None) -> None:
    """Check a catalog and list every problem."""
    try:
        catalog = load_catalog(catalog_dir)
    except TechpickError as exc:
        raise Exit2(str(exc)) from None
    click.echo(f"catalog valid: {len(catalog)} technologies")


if __name__ == "__main__":
    sys.exit(main())
