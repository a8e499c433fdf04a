"""Command line: parse, call the library, pick a renderer, print.

Every command accepts --catalog DIR and defaults to the shipped catalog.
Library errors (TechpickError) become a message on stderr and exit status 2.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from techpick.errors import TechpickError


class Refused(click.ClickException):
    """A TechpickError on its way out: message on stderr, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"techpick: {self.message}", err=True)


def catalog_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--catalog", "catalog_dir", type=click.Path(path_type=Path), default=None,
                        help="Catalog directory (default: the shipped catalog).")(func)


def _catalog(catalog_dir: Path | None) -> Any:
    from techpick.loader import load_catalog

    return load_catalog(catalog_dir)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="techpick")
def cli() -> None:
    """techpick: technology selection as code.

    State requirements in a YAML file; get one or two blocks per need, with
    reasons, trade-offs and why-nots.
    """


@cli.command()
@catalog_option
def validate(catalog_dir: Path | None) -> None:
    """Check a catalog: schema, ids, aliases, relations and vocabulary.

    Example: techpick validate --catalog ./catalog
    """
    catalog = _catalog(catalog_dir)
    click.echo(f"catalog valid: {len(catalog)} technologies, {len(catalog.vocabulary.capabilities)} capabilities")


@cli.command("list")
@click.option("--role", help="Only technologies that fill this role.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@catalog_option
def list_cmd(role: str | None, fmt: str, catalog_dir: Path | None) -> None:
    """List technologies.

    Example: techpick list --role messaging
    """
    from techpick.suggest import hint

    catalog = _catalog(catalog_dir)
    if role is not None and role not in catalog.vocabulary.roles:
        raise Refused(f"--role: unknown role {role!r}; {hint(role, catalog.vocabulary.roles)}")
    techs = catalog.with_role(role) if role else list(catalog)
    if fmt == "json":
        click.echo(json.dumps([t.model_dump(mode="json") for t in techs], indent=2, ensure_ascii=False))
        return
    for tech in techs:
        click.echo(f"{tech.id:<22} {tech.name:<32} {', '.join(tech.roles)}")


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@catalog_option
def show(name: str, fmt: str, catalog_dir: Path | None) -> None:
    """Show one technology by id or alias.

    Example: techpick show postgres
    """
    from techpick.renderers.entry import render_text
    from techpick.suggest import hint

    catalog = _catalog(catalog_dir)
    tech = catalog.get(name)
    if tech is None:
        raise Refused(f"unknown technology {name!r}; {hint(name, catalog.known_names())}")
    if fmt == "json":
        click.echo(json.dumps(tech.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(tech, catalog), nl=False)


@cli.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True)
@catalog_option
def search_cmd(query: tuple[str, ...], limit: int, catalog_dir: Path | None) -> None:
    """Search names, aliases, keywords, capabilities and descriptions (typo-tolerant).

    Example: techpick search message queue
    """
    from techpick.search import search

    catalog = _catalog(catalog_dir)
    found = search(catalog, " ".join(query), limit)
    if not found:
        click.echo("no match", err=True)
        sys.exit(1)
    for tech, score in found:
        click.echo(f"{tech.id:<22} {tech.name:<32} {score:.2f}")


@cli.command()
@click.argument("what", type=click.Choice(["catalog", "reqs", "vocabulary"]))
def schema(what: str) -> None:
    """Print the JSON Schema of a catalog entry, a requirements file or the vocabulary.

    Example: techpick schema reqs > reqs.schema.json
    """
    from techpick.schemas import json_schema

    click.echo(json.dumps(json_schema(what), indent=2, ensure_ascii=False))


@cli.command()
@click.option("--req", "req_file", required=True, type=click.Path(path_type=Path), help="Requirements file.")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "text"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show the score terms that moved each candidate.")
@click.option("--backend", type=click.Choice(["networkx", "neo4j"]), default="networkx", show_default=True,
              help="Where the capability graph is read from.")
@click.option("--uri", envvar="NEO4J_URI", help="Bolt URI for --backend neo4j (or NEO4J_URI).")
@click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True)
@click.option("--password", envvar="NEO4J_PASSWORD", default="", show_default=False)
@click.option("--database", envvar="NEO4J_DATABASE", default=None)
@catalog_option
def recommend(req_file: Path, fmt: str, explain: bool, backend: str, uri: str | None, user: str,
              password: str, database: str | None, catalog_dir: Path | None) -> None:
    """Recommend one or two technologies per need.

    Example: techpick recommend --req examples/oltp-web-app.yaml --format markdown
    """
    from techpick.graph import build_graph
    from techpick.loader import load_requirements
    from techpick.recommend import recommend as run
    from techpick.renderers import FORMATS

    catalog = _catalog(catalog_dir)
    reqs = load_requirements(req_file, catalog)
    if backend == "neo4j":
        from techpick.neo4j_backend import read_graph

        graph = read_graph(uri, user, password, database)
    else:
        graph = build_graph(catalog)
    result = run(graph, reqs)
    click.echo(FORMATS[fmt](result, explain), nl=False)


@cli.group()
def graph() -> None:
    """Export or push the capability graph."""


@graph.command("export")
@click.option("--format", "fmt", type=click.Choice(["cypher", "graphml", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of stdout.")
@catalog_option
def graph_export(fmt: str, output: Path | None, catalog_dir: Path | None) -> None:
    """Write the capability graph as JSON, GraphML or a Cypher script.

    Example: techpick graph export --format cypher -o graph.cypher
    """
    from techpick.exporters import export

    text = export(_catalog(catalog_dir), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)
        click.echo(f"wrote {output}", err=True)


def main() -> None:
    """Entry point: library errors exit 2 with a message, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except TechpickError as exc:
        Refused(str(exc)).show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: say so briefly; TECHPICK_DEBUG=1 shows the traceback
        if os.environ.get("TECHPICK_DEBUG"):
            raise
        click.echo(f"techpick: internal error ({type(exc).__name__}: {exc}); "
                   "rerun with TECHPICK_DEBUG=1 and report it", err=True)
        sys.exit(3)
