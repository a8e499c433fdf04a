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

from techpick.errors import InputError, TechpickError


class Refused(click.ClickException):
    """A TechpickError on its way out: message on stderr, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"techpick: {self.message}", err=True)


def _remember_no_cache(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta["techpick.no_cache"] = value
    return value


def catalog_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--catalog DIR and --no-cache; `_catalog` reads both."""
    func = click.option("--no-cache", is_flag=True, expose_value=False, callback=_remember_no_cache,
                        envvar="TECHPICK_NO_CACHE",
                        help="Read and validate every catalog file; neither use nor write the compiled cache.")(func)
    return click.option("--catalog", "catalog_dir", type=click.Path(path_type=Path), default=None,
                        help="Catalog directory (default: the shipped catalog).")(func)


def neo4j_options(scope: str, uri_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--uri, --user, --password, --database and --timeout of a graph-database connection, each with its variable."""
    options = (
        click.option("--uri", envvar="NEO4J_URI", help=f"{uri_help} (or NEO4J_URI)."),
        click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                     help=f"Neo4j user{scope} (or NEO4J_USER)."),
        click.option("--password", envvar="NEO4J_PASSWORD", default="", show_default=False,
                     help=f"Neo4j password{scope} (or NEO4J_PASSWORD; the variable keeps it out of the history)."),
        click.option("--database", envvar="NEO4J_DATABASE", default=None,
                     help=f"Neo4j database{scope} (or NEO4J_DATABASE; default: the server's)."),
        click.option("--timeout", envvar="NEO4J_TIMEOUT", type=click.FloatRange(min=0.1), default=30.0,
                     show_default=True, help="Seconds one query to the graph database may take (or NEO4J_TIMEOUT)."),
    )

    def apply(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            func = option(func)
        return func

    return apply


def _catalog(catalog_dir: Path | None) -> Any:
    from techpick.loader import load_catalog

    no_cache = click.get_current_context().meta.get("techpick.no_cache", False)
    return load_catalog(catalog_dir, cache=not no_cache)


def _graph(catalog: Any, for_reading: bool = False) -> Any:
    """The catalog's capability graph; from the cache unless --no-cache (see cache.graph_of for `for_reading`)."""
    if click.get_current_context().meta.get("techpick.no_cache", False):
        from techpick.graph import build_graph

        return build_graph(catalog)
    from techpick.cache import graph_of

    return graph_of(catalog, for_reading)


def radar_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--radar", "radar_file", type=click.Path(path_type=Path), default=None,
                        help="A team's radar file: hold is never recommended, adopt is preferred.")(func)


def _radar(radar_file: Path | None, catalog: Any) -> Any:
    """The team's radar, or None when no file is given."""
    if radar_file is None:
        return None
    from techpick.radar import load_radar

    return load_radar(radar_file, catalog)


class Group(click.Group):
    """Turns library errors into exit status 2 for every command, however it is invoked."""

    group_class = type  # subgroups (graph, cache, site) are Groups too

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TechpickError as exc:
            raise Refused(str(exc)) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command's whole first sentence, wrapped; click would cut it at the line's end with '...'."""
        rows = [(name, command.get_short_help_str(limit=1000)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="techpick")
def cli() -> None:
    """techpick: technology selection as code.

    State requirements in a YAML file; get one or two blocks per need, with
    reasons, trade-offs and why-nots.
    """


@cli.command()
@catalog_option
@click.option("--kb", "kb_dir", type=click.Path(path_type=Path), default=None,
              help="Knowledge base whose tech: links to check (default: the shipped one, with the shipped catalog).")
@click.option("--req", "req_files", multiple=True, type=click.Path(path_type=Path),
              help="A requirements file to check against the catalog; more may follow as arguments.")
@click.option("--strict", is_flag=True,
              help="Warnings (a technology the catalog lacks in `existing`, an unknown skill) fail too.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(catalog_dir: Path | None, kb_dir: Path | None, req_files: tuple[Path, ...], strict: bool,
             paths: tuple[Path, ...]) -> None:
    """Check requirements files, or a catalog (schema, ids, aliases, relations, vocabulary) and its knowledge base.

    Every problem of every file is reported at once; exit 2 when there is an
    error (or, with --strict, a warning). A path inside a catalog folder (one
    with vocabulary.yaml) checks that catalog; any other path is a
    requirements file. Without paths the catalog is checked.

    Example: techpick validate --req reqs.yaml other.yaml --strict
    """
    from techpick.loader import catalog_root_of

    roots = list(dict.fromkeys(root for root in map(catalog_root_of, paths) if root is not None))
    reqs = [*req_files, *(path for path in paths if catalog_root_of(path) is None)]
    if not reqs and not roots:
        _validate_catalog(catalog_dir, kb_dir, strict)
        return
    failed: list[str] = []
    for root in roots:
        try:
            _validate_catalog(root, kb_dir, strict)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            failed.append(f"{root.as_posix()}/")
    if reqs:
        failed += _validate_requirements(_catalog(catalog_dir), reqs, strict)
    if failed:
        why = " (warnings fail with --strict)" if strict else ""
        click.echo(f"techpick: {_count(len(failed), 'file')} with problems{why}: {', '.join(failed)}", err=True)
        sys.exit(2)


def _validate_catalog(catalog_dir: Path | None, kb_dir: Path | None, strict: bool = False) -> None:
    import datetime as dt

    from techpick.errors import InputError
    from techpick.loader import check_plain_text

    catalog = _catalog(catalog_dir)
    markup = check_plain_text(catalog_dir)
    if markup:
        raise InputError(markup)
    line = f"catalog valid: {len(catalog)} technologies, {len(catalog.vocabulary.capabilities)} capabilities"
    if kb_dir is not None or catalog_dir is None:
        from techpick.loader import check_kb

        line += f"; knowledge base valid: {len(check_kb(catalog, kb_dir))} pages"
    click.echo(line)
    stale = catalog.stale(dt.date.today().isoformat())
    if stale and strict:
        raise InputError(stale)
    if stale:
        entries = "entry" if len(stale) == 1 else "entries"
        click.echo(f"note: {len(stale)} {entries} not reviewed within 12 months; --strict lists them and fails",
                   err=True)


def _validate_requirements(catalog: Any, files: list[Path], strict: bool) -> list[str]:
    """Print each file's errors and warnings (stderr) or that it is valid (stdout); the files that fail."""
    from techpick.errors import listed
    from techpick.loader import check_requirements_file

    failed: list[str] = []
    for path in files:
        checked = check_requirements_file(path, catalog)
        if checked.errors:
            click.echo(listed(checked.errors, "error: "), err=True)
        if checked.warnings:
            click.echo(listed(checked.warnings, "warning: "), err=True)
        if checked.errors or (strict and checked.warnings):
            failed.append(str(path))
        elif checked.requirements is not None:
            needs = len(checked.requirements.needs)
            warned = f", {_count(len(checked.warnings), 'warning')}" if checked.warnings else ""
            click.echo(f"requirements valid: {path} ({_count(needs, 'need')}{warned})")
    return failed


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _requirements(req_file: Path, catalog: Any) -> Any:
    """The requirements of a file, its warnings said on stderr (a misspelt skill is never silently dropped)."""
    from techpick.loader import load_requirements


    return load_requirements(req_file, catalog, warn=lambda problem: click.echo(f"warning: {problem}", err=True))


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
    role = role.strip().lower() if role is not None else None  # a word typed in any case (`Storage`)
    if role is not None and role not in catalog.vocabulary.roles:
        synonyms = catalog.vocabulary.synonyms.get("role", {})
        raise Refused(f"--role: unknown role {role!r}; {hint(role, catalog.vocabulary.roles, synonyms=synonyms)}")
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

    catalog = _catalog(catalog_dir)
    tech = catalog.get(name)
    if tech is None:
        raise Refused(f"unknown technology {name!r}; {catalog.tech_hint(name)}")
    if fmt == "json":
        click.echo(json.dumps(tech.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(tech, catalog), nl=False)


@cli.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@catalog_option
def search_cmd(query: tuple[str, ...], limit: int, catalog_dir: Path | None) -> None:
    """Search names, aliases, roles, data models, capabilities and descriptions, in English or Russian (typo-tolerant).

    Prints id, name and a score, best first. Words are compared by their
    stems (Russian inflections too), and a synonym stands for the word it
    means ("queue": messaging, "column store": columnar). Each word of the
    query scores what it matches best: 5 a name, id or alias, 3 a keyword,
    role or data model (or its Russian name), 2 a native capability, 1 any
    other capability or a word of the description, 60 % of that for a near
    spelling. The score adds these up, adds 10 when the whole query is a
    name, 4 when it is a keyword or names a role, data model or capability
    (5 for the main role or data model), and divides by the number of words;
    retired and archived entries count half unless named. 5 or more names
    it, 1 or less is a mention in a description.

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
@neo4j_options(" for --backend neo4j", "Bolt URI for --backend neo4j")
@radar_option
@catalog_option
def recommend(req_file: Path, fmt: str, explain: bool, backend: str, uri: str | None, user: str,
              password: str, database: str | None, timeout: float, radar_file: Path | None,
              catalog_dir: Path | None) -> None:
    """Recommend one or two technologies per need.

    Example: techpick recommend --req examples/oltp-web-app.yaml --format markdown
    """
    catalog = _catalog(catalog_dir)
    reqs = _requirements(req_file, catalog)
    radar = _radar(radar_file, catalog)
    # the engine and the renderers are imported once the input is known to be good: a refused file exits sooner
    from techpick.recommend import recommend as run
    from techpick.renderers import FORMATS

    if backend == "neo4j":
        from techpick.neo4j_backend import serve

        _, result = serve(uri, user, password, database, reqs, radar.for_engine() if radar else None,
                          timeout=timeout)
    else:
        result = run(_graph(catalog, for_reading=True), reqs, radar.for_engine() if radar else None)
    click.echo(FORMATS[fmt](result, explain, reqs.name or req_file.name), nl=False)


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
        from techpick.files import atomic_write

        atomic_write(output, text)
        click.echo(f"wrote {output}", err=True)


@graph.command("push")
@neo4j_options("", "Bolt URI, e.g. bolt://localhost:7687")
@catalog_option
def graph_push(uri: str | None, user: str, password: str, database: str | None, timeout: float,
               catalog_dir: Path | None) -> None:
    """Write the capability graph to Neo4j; only what changed is written or removed.

    Example: NEO4J_PASSWORD=... techpick graph push --uri bolt://localhost:7687
    """
    from contextlib import ExitStack

    from techpick.neo4j_backend import push

    graph = _graph(_catalog(catalog_dir))
    with ExitStack() as stack:
        bars: list[Any] = []

        def progress(done: int, total: int) -> None:
            if not bars:
                bars.append(stack.enter_context(click.progressbar(length=total, label="pushing", file=sys.stderr)))
            bars[0].update(done - bars[0].pos)

        report = push(graph, uri, user, password, database, progress, timeout=timeout)
    click.echo(f"pushed: {report}", err=True)


# ---- architecture reviews: review, compare, radar, check --------------------

def site_url_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--site-url", envvar="TECHPICK_SITE_URL", default="site", show_default=True,
                        help="Base of technology links, <base>/tech/<id>/ (or TECHPICK_SITE_URL).")(func)


def _emit(text: str, output: Path | None) -> None:
    """Print, or write atomically and say where."""
    if output is None:
        click.echo(text, nl=False)
        return
    from techpick.files import atomic_write

    atomic_write(output, text)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("--req", "req_file", required=True, type=click.Path(path_type=Path), help="Requirements file.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the record here instead of stdout.")
@click.option("--date", "date_text", help="Date of the record, YYYY-MM-DD (default: today).")
@site_url_option
@radar_option
@catalog_option
def review(req_file: Path, output: Path | None, date_text: str | None, site_url: str, radar_file: Path | None,
           catalog_dir: Path | None) -> None:
    """Write an architecture decision record (MADR) for a requirements file.

    One decision per need, with drivers, options, pros and cons, sizing
    estimates and the growth path; it ends with a record `check` reads.

    Example: techpick review --req examples/analytics-platform.yaml -o review.md
    """
    import datetime

    from techpick.renderers.review_md import render
    from techpick.review import build_review

    catalog = _catalog(catalog_dir)
    reqs = _requirements(req_file, catalog)
    radar = _radar(radar_file, catalog)
    date = date_text or datetime.date.today().isoformat()
    record = build_review(catalog, _graph(catalog), reqs, req_file.as_posix(), date, radar)
    _emit(render(record, site_url, output.as_posix() if output else "review.md"), output)


@cli.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "text"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of stdout.")
@site_url_option
@radar_option
@catalog_option
def compare(names: tuple[str, ...], fmt: str, output: Path | None, site_url: str, radar_file: Path | None,
            catalog_dir: Path | None) -> None:
    """Compare technologies side by side, differences first.

    Example: techpick compare kafka rabbitmq pulsar --format markdown
    """
    from techpick.compare import compare as run
    from techpick.renderers.comparison import COMPARE_FORMATS

    catalog = _catalog(catalog_dir)
    _emit(COMPARE_FORMATS[fmt](run(catalog, list(names), _radar(radar_file, catalog)), site_url), output)


@cli.command("radar")
@click.option("--radar", "radar_file", type=click.Path(path_type=Path), default=None,
              help="A team's radar file (default: a radar of the catalog's maturity).")
@click.option("--since", "since_file", type=click.Path(path_type=Path), default=None,
              help="An earlier radar file (the team's previous one) to mark each entry new or moved against "
              "(default: the shipped catalog's maturity radar is compared with its previous release).")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "text"]), default="markdown",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of stdout.")
@site_url_option
@catalog_option
def radar_cmd(radar_file: Path | None, since_file: Path | None, fmt: str, output: Path | None, site_url: str,
              catalog_dir: Path | None) -> None:
    """Show a team's radar, or one derived from the catalog's adoption and status.

    Each entry is marked new or moved (with its old ring) against an earlier
    radar: --since FILE, or for the shipped catalog's maturity radar the
    record of the catalog's previous release.

    Example: techpick radar --radar examples/radars/data-platform.yaml
    --since examples/radars/data-platform-2025-q3.yaml --format json
    """
    from techpick.radar import catalog_radar, release_history
    from techpick.renderers.radar_out import RADAR_FORMATS

    catalog = _catalog(catalog_dir)
    team = _radar(radar_file, catalog)
    if since_file is not None:
        earlier = _radar(since_file, catalog)
    else:
        earlier = None if team is not None else release_history(catalog_dir, catalog)
    radar = (team or catalog_radar(catalog)).compared_with(earlier)
    _emit(RADAR_FORMATS[fmt](radar, site_url), output)


@cli.command()
@click.option("--req", "req_file", type=click.Path(path_type=Path),
              help="Requirements file (default with --record: the file the record names).")
@click.option("--stack", help="Decided technologies, comma-separated ids, or need=id pairs.")
@click.option("--record", "record_file", type=click.Path(path_type=Path),
              help="A review written by `techpick review`; its decision record is checked.")
@radar_option
@catalog_option
def check(req_file: Path, stack: str | None, record_file: Path | None, radar_file: Path | None,
          catalog_dir: Path | None) -> None:
    """Exit 1, saying why, when a decided stack no longer fits; 0 while it does (for CI).

    With --record alone, the requirements file is the one the record names
    (a path relative to where `techpick review` ran, usually the repository's
    root). With neither --record nor --stack, every decision record in a
    Markdown file in this folder or below is checked (hidden folders skipped).

    Example: techpick check --record examples/review-analytics-platform.md
    """
    from techpick.record import find_records, read_record

    if stack is not None and record_file is not None:
        raise Refused("give the decided stack with one of --stack or --record, not both")
    if stack is not None:
        if req_file is None:
            raise Refused("--stack needs the requirements file: give it with --req")
        fits = _check_stack(req_file, stack, None, radar_file, catalog_dir)
    elif record_file is not None:
        fits = _check_record(record_file, read_record(record_file), req_file, radar_file, catalog_dir)
    else:
        if req_file is not None:
            raise Refused("give the decided stack with --stack or --record; --req alone names no decision")
        records = find_records(Path("."))
        if not records:
            raise Refused("no decision record in this folder or below (`techpick review -o FILE` writes one); "
                          "give --record FILE or --stack")
        fits = True
        for path in records:
            click.echo(f"== {path.as_posix()}")
            fits = _check_record(path, read_record(path), None, radar_file, catalog_dir) and fits
    if not fits:
        sys.exit(1)


def _check_record(path: Path, record: Any, req_file: Path | None, radar_file: Path | None,
                  catalog_dir: Path | None) -> bool:
    if req_file is None and record.requirements is None:
        raise Refused(f"{path}: the record names no requirements file; give it with --req")
    return _check_stack(req_file or Path(record.requirements), dict(record.decided), record.catalog, radar_file,
                        catalog_dir)


def _check_stack(req_file: Path, stack: str | dict[str, str | None], recorded: str | None, radar_file: Path | None,
                 catalog_dir: Path | None) -> bool:
    """Check one decided stack (a record's need -> id map, or --stack text); print the verdicts; True when it fits."""
    from techpick.check import check_stack
    from techpick.renderers.check_text import render

    catalog = _catalog(catalog_dir)
    reqs = _requirements(req_file, catalog)
    decided = stack if isinstance(stack, dict) else _decided(stack, reqs, catalog)
    radar = _radar(radar_file, catalog)
    result = check_stack(catalog, _graph(catalog), reqs, decided, radar.for_engine() if radar else None, recorded)
    click.echo(render(result), nl=False)
    return bool(result.fits)


def _decided(stack: str, reqs: Any, catalog: Any) -> dict[str, str | None] | list[str]:
    """--stack text as ids, or need -> id pairs; unknown needs and technologies are refused with a suggestion."""
    from techpick.suggest import hint

    items = [item.strip() for item in stack.split(",") if item.strip()]
    if not items:
        raise Refused("--stack: name at least one technology")
    pairs = [item.partition("=") for item in items]
    if any(sep for _, sep, _ in pairs) and not all(sep for _, sep, _ in pairs):
        raise Refused("--stack: use either plain ids or need=id pairs, not both")
    need_ids = [n.id for n in reqs.needs]
    for need_id, sep, _ in pairs:
        if sep and need_id not in need_ids:
            raise Refused(f"--stack: unknown need {need_id!r}; {hint(need_id, need_ids)}")
    names = [value if sep else key for key, sep, value in pairs]
    for name in names:
        if catalog.resolve(name) is None:
            raise Refused(f"--stack: unknown technology {name!r}; {catalog.tech_hint(name)}")
    ids = [catalog.resolve(name) or name for name in names]
    return {key: tid for (key, _, _), tid in zip(pairs, ids)} if pairs[0][1] else ids


@cli.command()
@click.argument("file", type=click.Path(path_type=Path), default="reqs.yaml")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing: write a starter file with one storage need.")
@click.option("--force", is_flag=True, help="Replace FILE when it exists.")
@site_url_option
@catalog_option
def init(file: Path, yes: bool, force: bool, site_url: str, catalog_dir: Path | None) -> None:
    """Write a commented requirements file from a few questions (default FILE: reqs.yaml).

    Asks what you are building, the team's size and skills, the cloud, the
    licence and hosting rules, and for each need its role, data model and
    sizes; Enter takes the default in brackets. The first line points editors
    at the JSON Schema (<site-url>/schemas/reqs.schema.json).

    Example: techpick init reqs.yaml
    """
    from techpick.init import Answers, Question, interview, write_requirements

    if file.exists() and not force:
        raise Refused(f"{file} exists; use --force to replace it")
    catalog = _catalog(catalog_dir)

    def ask(question: Question) -> str:
        def checked(text: str) -> str:
            try:
                return question.check(text)
            except ValueError as exc:
                raise click.BadParameter(str(exc)) from None

        return click.prompt(question.text, default=question.default, value_proc=checked,
                            show_default=bool(question.default), err=True)

    def confirm(text: str, default: bool) -> bool:
        return click.confirm(text, default=default, err=True)

    answers = Answers() if yes else interview(catalog, ask, confirm)
    write_requirements(file, answers, site_url, catalog)
    click.echo(f"wrote {file}; next: techpick validate --req {file} && techpick recommend --req {file}", err=True)


@cli.group("cache")
def cache_group() -> None:
    """Inspect or clear the compiled-catalog cache (in $XDG_CACHE_HOME/techpick or ~/.cache/techpick)."""


@cache_group.command("info")
def cache_info() -> None:
    """List the cached catalogs: file, catalog folder, entries and size.

    Example: techpick cache info
    """
    from techpick.cache import cache_dir, entries

    found = entries()
    click.echo(f"cache folder: {cache_dir()}")
    for entry in found:
        click.echo(f"{entry.path.name}  {entry.technologies} technologies  {entry.size / 1e6:.1f} MB  {entry.catalog}")
    click.echo(f"{len(found)} cached catalog{'s' if len(found) != 1 else ''}")


@cache_group.command("clear")
def cache_clear() -> None:
    """Remove every cached catalog; the next run reads the YAML files again.

    Example: techpick cache clear
    """
    from techpick.cache import cache_dir, clear

    removed = clear()
    click.echo(f"removed {removed} file{'s' if removed != 1 else ''} from {cache_dir()}")


@cli.group()
def site() -> None:
    """Build or serve the docs site (needs MkDocs: pip install 'techpick[site]', or '.[site]' in a checkout)."""


def _site_sources(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--kb", "kb_dir", type=click.Path(path_type=Path), default=None,
                        help="Knowledge base (default: the shipped one).")(func)
    func = click.option("--engine-cache", type=click.Path(path_type=Path), envvar="TECHPICK_ENGINE_CACHE",
                        default=None, help="Where the Recommend page's Python runtime is cached between builds "
                        "(or TECHPICK_ENGINE_CACHE; default: techpick/engine in the user's cache folder).")(func)
    func = click.option("--no-browser-engine", is_flag=True,
                        help="Leave out the Recommend page's in-browser engine (nothing is fetched); the page "
                        "then says how to run `techpick recommend`.")(func)
    func = click.option("--since", "since_file", type=click.Path(path_type=Path), default=None,
                        help="The team's previous radar file: the team's radar page marks each entry new or "
                        "moved against it (needs --radar).")(func)
    func = click.option("--radar", "radar_file", type=click.Path(path_type=Path), default=None,
                        help="A team's radar file, drawn on a page of its own beside the catalog's maturity "
                        "radar.")(func)
    return click.option("--catalog", "catalog_dir", type=click.Path(path_type=Path), default=None,
                        help="Catalog directory (default: the shipped catalog).")(func)


def _since_needs_radar(radar_file: Path | None, since_file: Path | None) -> None:
    """--since is the team's previous radar; the maturity radar's history is the catalog's release record."""
    if since_file is not None and radar_file is None:
        raise click.UsageError("--since is the team's previous radar and needs the team's current one: "
                               "add --radar FILE (the maturity radar is compared with the catalog's previous "
                               "release on its own)")


def _engine(no_browser_engine: bool, engine_cache: Path | None, image: bool = True) -> Any:
    from techpick.sitebuild import Engine

    return Engine(not no_browser_engine, engine_cache, snapshot=image)


@site.command("build")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Folder for the generated pages (docs/, mkdocs.yml) and the HTML (site/).")
@click.option("--no-engine-image", is_flag=True,
              help="Leave out the Recommend page's start-up image: a first visit then downloads about 40 MB "
              "less, but the page starts Python from the wheels, several times slower.")
@_site_sources
def site_build(out: Path, no_engine_image: bool, catalog_dir: Path | None, kb_dir: Path | None,
               no_browser_engine: bool, engine_cache: Path | None, radar_file: Path | None,
               since_file: Path | None) -> None:
    """Generate the pages from the catalog and knowledge base, and build the site strictly.

    The Recommend page runs techpick itself in the browser: the first build
    fetches Python for the browser (Pyodide, from the npm registry) and the
    wheels it needs (from PyPI) and caches them.

    Example: techpick site build --out build --radar examples/radars/data-platform.yaml
    """
    from techpick.sitebuild import build_site

    _since_needs_radar(radar_file, since_file)
    built = build_site(out, catalog_dir, kb_dir, engine=_engine(no_browser_engine, engine_cache, not no_engine_image),
                       radar_file=radar_file, since_file=since_file)
    click.echo(f"site built: {built.pages} pages for {built.technologies} technologies in {built.site} "
               f"({built.generate_seconds + built.mkdocs_seconds:.1f}s)")


@site.command("serve")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Folder for the generated pages.")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@_site_sources
def site_serve(out: Path, dev_addr: str, catalog_dir: Path | None, kb_dir: Path | None, no_browser_engine: bool,
               engine_cache: Path | None, radar_file: Path | None, since_file: Path | None) -> None:
    """Serve the site with live reload; edits to the catalog or knowledge base regenerate the pages.

    The Recommend page starts Python the usual way here (a few seconds): the
    start-up image of a built site would be made again on every catalog edit.

    Example: techpick site serve --catalog ./my-catalog
    """
    from techpick.sitebuild import serve_site

    _since_needs_radar(radar_file, since_file)
    serve_site(out, catalog_dir, kb_dir, dev_addr=dev_addr, report=lambda line: click.echo(line, err=True),
               engine=_engine(no_browser_engine, engine_cache, image=False), radar_file=radar_file,
               since_file=since_file)


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
    except BrokenPipeError:  # `techpick ... | head`: the reader left; nothing to say
        sys.exit(1)
    except OSError as exc:  # e.g. stdout on a full disk
        click.echo(f"techpick: cannot write output: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: say so briefly; TECHPICK_DEBUG=1 shows the traceback
        if os.environ.get("TECHPICK_DEBUG"):
            raise
        click.echo(f"techpick: internal error ({type(exc).__name__}: {exc}); "
                   "rerun with TECHPICK_DEBUG=1 and report it", err=True)
        sys.exit(3)
