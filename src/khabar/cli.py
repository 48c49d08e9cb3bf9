"""Command-line interface: a thin layer over the pipeline, the store and the views.

Every command takes --db (default: $KHABAR_DB, read once by the settings, else ./khabar.db); every listing or
show command takes --json and prints the stable fields documented in docs/cli.md.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import click

from khabar.config import load_settings
from khabar.errors import KhabarError


LIMIT = click.IntRange(1, 1_000_000)  # rows a listing may ask for: bounded, but a whole corpus fits
SEARCH_LIMIT = click.IntRange(1, 200)


class Day(click.ParamType):
    """A calendar day written YYYY-MM-DD: "2020/03/21" and "2020-13-45" are refused by
    name instead of comparing as strings and silently matching the wrong stories."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        import re
        from datetime import date

        text = str(value)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text).isoformat()
            except ValueError:
                pass
        self.fail(f"expected a date as YYYY-MM-DD, got {text[:40]!r}", param, ctx)


DAY = Day()
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A CSV cell a spreadsheet shows as text: one starting with = + - @, a tab or a carriage
    return would be read as a formula, so it gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _dump(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _show(page, as_json: bool = False, **options) -> None:
    """Print a page: its stable JSON with --json, else its text form."""
    from khabar.render import render

    click.echo(render(page, "json" if as_json else "text", **options))


class _Ctx:
    def __init__(self, db: str | None, config: str | None, writes: bool = False):
        self.settings = load_settings(config, db=db)
        self.config = config
        self.writes = writes
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from khabar.store import open_store

            if not self.writes:
                _refuse_missing_file(self.settings.db)
            self._store = open_store(self.settings.db)
        return self._store


def _refuse_missing_file(db: str) -> None:
    """A command that only reads must not leave an empty khabar.db wherever it was run:
    a SQLite file that does not exist yet is an error that says how to make one."""
    from khabar.errors import StoreError
    from khabar.store import backend_of, sqlite_path

    path = sqlite_path(db) if backend_of(db) == "sqlite" else ":memory:"
    if path != ":memory:" and not Path(path).expanduser().exists():
        raise StoreError("no database here yet (ingest reports first: khabar ingest PATH --db "
                         f"{path}; or name another with --db or $KHABAR_DB)", input_name=path)


db_option = click.option(
    "--db", default=None, metavar="PATH-or-URL",
    help="Database (SQLite file). Default: $KHABAR_DB, else ./khabar.db.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (stable fields, see docs/cli.md).")


def _ctx(db: str | None, writes: bool = False) -> _Ctx:
    parent = click.get_current_context().find_root().obj or {}
    return _Ctx(db or parent.get("db"), parent.get("config"), writes)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", default=None, metavar="PATH-or-URL", help="Database for every command.")
@click.option("--config", type=click.Path(dir_okay=False), default=None, envvar="KHABAR_CONFIG",
              help="TOML settings file overriding the defaults.")
@click.version_option(package_name="khabar")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: str | None) -> None:
    """khabar: one view per news story, from many outlets' reports.

    \b
    Example:
      khabar ingest examples/seeds
      khabar stories
    """
    ctx.obj = {"db": db, "config": config}


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--no-progress", is_flag=True,
              help="Show no progress (a bar on a terminal, else a line every 10 s on stderr; none with --json).")
@json_option
def ingest(inputs: tuple[str, ...], db: str | None, no_progress: bool, as_json: bool) -> None:
    """Read, clean, deduplicate, analyse and store reports.

    INPUTS are files, folders, or http(s) URLs: JSONL, .txt, HTML, RSS/Atom, WARC.
    Exit code 0 when everything was read, 3 when some input was rejected.

    \b
    Example:
      khabar ingest examples/seeds ../shared/data/hi-covid-news/articles.jsonl
    """
    from khabar.pipeline import ingest_paths

    c = _ctx(db, writes=True)
    # a bar redrawn with carriage returns only makes sense on a terminal: in a log file
    # it is thousands of partial lines, so a log gets a plain line every few seconds
    mode = "none" if no_progress or as_json else "bar" if sys.stderr.isatty() else "lines"
    report = ingest_paths(c.store, list(inputs), settings=c.settings, progress=mode)
    if as_json:
        _dump(report.to_dict())
    else:
        click.echo(report.summary())
    sys.exit(3 if report.rejected else 0)


@cli.command()
@db_option
@click.option("--limit", default=50, show_default=True, type=LIMIT)
@click.option("--source", default=None, help="Only this outlet.")
@click.option("--language", default=None, help="Only this language (ISO 639-1).")
@click.option("--story", default=None, help="Only reports of this story.")
@json_option
def articles(db, limit, source, language, story, as_json) -> None:
    """List stored reports, newest first.

    \b
    Example:
      khabar articles --source "Amar Ujala" --limit 10
    """
    from khabar.views import build_articles

    _show(build_articles(_ctx(db).store, limit=limit, source=source, language=language, story=story), as_json)


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--raw", is_flag=True, help="Show the raw text with removed noise marked [-reason: text-].")
@json_option
def show(article_id, db, raw, as_json) -> None:
    """Show one report: clean text, and the noise removed from it with reasons.

    ARTICLE_ID is the store id or the external id.

    \b
    Example:
      khabar show 003_5ed99ae0c0ed6bfe --raw
    """
    from khabar.views import build_article

    _show(build_article(_ctx(db).store, article_id), as_json, raw=raw)


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=SEARCH_LIMIT)
@click.option("--source", default=None, help="Only reports from this outlet.")
@click.option("--language", default=None, help="Only reports in this language.")
@click.option("--since", default=None, type=DAY, help="Reports published on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, type=DAY, help="Reports published on or before this date (YYYY-MM-DD).")
@json_option
def search(query, db, limit, source, language, since, until, as_json) -> None:
    """Full-text search (Devanagari-aware; nukta and digit variants match).

    \b
    Example:
      khabar search "उत्तर कोरिया" --since 2024-11-01
    """
    from khabar.views import build_search

    filters = {"source": source, "language": language, "since": since, "until": until}
    _show(build_search(_ctx(db).store, query, limit=limit, filters=filters), as_json)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
def export(db, fmt, output) -> None:
    """Export every stored report (clean text, metadata, story) as JSONL or CSV.

    CSV starts with a UTF-8 byte order mark (so spreadsheets read Devanagari), and a
    cell starting with = + - @, a tab or a carriage return gets a leading apostrophe
    so no spreadsheet runs it as a formula.

    \b
    Example:
      khabar export --format csv -o reports.csv
    """
    store = _ctx(db).store
    fields = ["id", "external_id", "title", "source", "url", "published", "published_inferred",
              "language", "dateline", "story_id", "duplicate_of", "duplicate_kind", "clean_text"]
    out = click.open_file(output, "w", encoding="utf-8")
    writer = csv.DictWriter(out, fieldnames=fields) if fmt == "csv" else None
    if writer:
        out.write("\ufeff")
        writer.writeheader()
    for record in store.iter_articles(fields):
        if writer:
            writer.writerow({k: csv_cell(v) for k, v in record.items()})
        else:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if output != "-":
        out.close()


@cli.command()
@db_option
@click.option("--order", type=click.Choice(["newest", "largest"]), default="newest", show_default=True)
@click.option("--limit", default=50, show_default=True, type=LIMIT)
@click.option("--since", default=None, type=DAY, help="Stories seen on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, type=DAY, help="Stories seen on or before this date (YYYY-MM-DD).")
@click.option("--source", default=None, help="Stories with a report from this outlet.")
@click.option("--language", default=None, help="Stories with a report in this language.")
@json_option
def stories(db, order, limit, since, until, source, language, as_json) -> None:
    """List stories (newest or largest first).

    \b
    Example:
      khabar stories --order largest --since 2020-03-21
    """
    from khabar.views import build_stories

    _show(build_stories(_ctx(db).store, order=order, limit=limit, since=since, until=until, source=source,
                        language=language), as_json)


@cli.command()
@click.argument("story_id")
@db_option
@json_option
def story(story_id, db, as_json) -> None:
    """Show one story: headline, dates, sources, reports and history.

    \b
    Example:
      khabar story s-000001
    """
    from khabar.views import build_story

    _show(build_story(_ctx(db).store, story_id, report=False), as_json)


@cli.command()
@click.argument("storyline_id")
@db_option
@json_option
def storyline(storyline_id, db, as_json) -> None:
    """Show one storyline: its stories in time order.

    \b
    Example:
      khabar storyline l-000001
    """
    from khabar.views import build_storyline

    _show(build_storyline(_ctx(db).store, storyline_id), as_json)


@cli.command()
@db_option
@click.option("--story", default=None, help="Only entities of this story, by salience.")
@click.option("--limit", default=100, show_default=True, type=LIMIT)
@json_option
def entities(db, story, limit, as_json) -> None:
    """List people, places and organisations with their merged spellings.

    \b
    Example:
      khabar entities --story s-000001
    """
    from khabar.views import build_entities

    _show(build_entities(_ctx(db).store, story=story, limit=limit), as_json)


@cli.command()
@click.argument("name")
@db_option
@click.option("--limit", default=20, show_default=True, type=LIMIT, help="Stories listed (the count of all is shown).")
@json_option
def entity(name, db, limit, as_json) -> None:
    """Show one entity (any spelling, either script): aliases, roles, stories over time.

    \b
    Example:
      khabar entity Putin
    """
    from khabar.views import build_entity

    _show(build_entity(_ctx(db).store, name, limit=limit), as_json)


@cli.command()
@click.argument("story_id")
@db_option
@json_option
def claims(story_id, db, as_json) -> None:
    """Numbers and dated facts in a story, who said them, where sources agree or conflict.

    \b
    Example:
      khabar claims s-000001
    """
    from khabar.views import build_claims

    _show(build_claims(_ctx(db).store, story_id), as_json)


@cli.command()
@click.argument("story_id")
@db_option
@json_option
def timeline(story_id, db, as_json) -> None:
    """The dated events of a story (or of a storyline, l-...) with supporting
    sentences and sources, in order; background dates marked.

    \b
    Example:
      khabar timeline s-000001
      khabar timeline l-000001
    """
    from khabar.views import build_timeline

    _show(build_timeline(_ctx(db).store, story_id), as_json)


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--sentences", "-n", default=None, type=click.IntRange(1, 30), help="Summary length (default from settings: 6).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--abstractive", is_flag=True,
              help="Also write an abstractive summary through the OpenAI-compatible endpoint in settings "
                   "(summary.llm_url / $KHABAR_LLM_URL); unbacked sentences are dropped and listed.")
def summary(story_id, db, sentences, fmt, as_json, abstractive) -> None:
    """A multi-source summary in which every sentence cites its reports.

    \b
    Example:
      khabar summary s-000001 --sentences 5 --format md
    """
    from khabar.render import render
    from khabar.views import build_summary

    c = _ctx(db)
    click.echo(render(build_summary(c.store, story_id, c.settings, sentences, abstractive), "json" if as_json else fmt))


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-")
@click.option("--sentences", "-n", default=None, type=click.IntRange(1, 30))
@click.option("--abstractive", is_flag=True, help="Include the checked abstractive summary (see `summary`).")
def report(story_id, db, fmt, output, sentences, abstractive) -> None:
    """A standalone story report: headline, cited summary, timeline, entities, claims, sources.

    \b
    Example:
      khabar report s-000001 --format html -o story.html
    """
    from khabar.render import render
    from khabar.views import build_report

    c = _ctx(db)
    text = render(build_report(c.store, story_id, c.settings, sentences, abstractive), fmt)
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(text)


@cli.command()
@db_option
@click.option("--output-dir", default="khabar-demo", show_default=True, type=click.Path(file_okay=False))
def demo(db, output_dir) -> None:
    """Run the whole pipeline on the bundled sample corpus (five Hindi reports).

    Ingests examples/seeds into a fresh database (default khabar-demo/demo.db),
    prints what was cleaned, the stories, entities, claims and timeline, and
    writes the seed story's report to khabar-demo/report.html and report.md.

    \b
    Example:
      khabar demo --output-dir /tmp/khabar-demo
    """
    from khabar.demo import run_demo

    run_demo(Path(output_dir), db)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; each keeps its own cache of built pages.")
def serve(db, host, port, workers) -> None:
    """Serve the HTTP JSON API (/api/...) and web pages (/) over the store.

    Needs the web extra: pip install 'khabar[web]'. One process serves a page once per
    stored batch and then from memory; on a machine with more cores, --workers spreads
    the readers over more processes.

    \b
    Example:
      khabar serve --db news.db --port 8000 --workers 2
    """
    from khabar.api import create_app
    from khabar.errors import requires

    uvicorn = requires("uvicorn", "web", "The HTTP server")
    ctx = _ctx(db)
    if workers == 1:
        uvicorn.run(create_app(ctx.settings.db), host=host, port=port)
        return
    # each worker process builds its own app from the environment it inherits
    os.environ["KHABAR_DB"] = ctx.settings.db
    if ctx.config:
        os.environ["KHABAR_CONFIG"] = str(ctx.config)
    uvicorn.run("khabar.api.app:app_from_environment", factory=True, host=host, port=port, workers=workers)


def main() -> None:
    """Entry point: coded khabar errors become a one-line message and exit code 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except KhabarError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except SystemExit:
        raise
