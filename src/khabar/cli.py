"""Command-line interface: a thin layer over the pipeline, the store and the views.

Every command takes --db (default $KHABAR_DB, else ./khabar.db); every listing or
show command takes --json and prints the stable fields documented in docs/cli.md.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from khabar.config import load_settings
from khabar.errors import KhabarError


def _dump(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class _Ctx:
    def __init__(self, db: str | None, config: str | None):
        self.settings = load_settings(config, db=db)
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from khabar.store import open_store

            self._store = open_store(self.settings.db)
        return self._store


db_option = click.option(
    "--db", default=None, metavar="PATH-or-URL",
    help="Database (SQLite file). Default: $KHABAR_DB, else ./khabar.db.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (stable fields, see docs/cli.md).")


def _ctx(db: str | None) -> _Ctx:
    parent = click.get_current_context().find_root().obj or {}
    return _Ctx(db or parent.get("db"), parent.get("config"))


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
@click.option("--no-progress", is_flag=True, help="Do not show the progress bar.")
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

    c = _ctx(db)
    report = ingest_paths(c.store, list(inputs), settings=c.settings, progress=not no_progress and not as_json)
    if as_json:
        _dump(report.to_dict())
    else:
        click.echo(report.summary())
    sys.exit(3 if report.rejected else 0)


@cli.command()
@db_option
@click.option("--limit", default=50, show_default=True)
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
    rows = [r.to_dict() for r in _ctx(db).store.list_articles(limit=limit, source=source, language=language,
                                                              story=story)]
    if as_json:
        _dump(rows)
        return
    if not rows:
        click.echo("no reports match (ingest reports first: khabar ingest PATH)")
    for r in rows:
        dup = f" (copy of {r['duplicate_of']})" if r["duplicate_of"] else ""
        date = (r["published"] or "????-??-??")[:10] + ("~" if r["published_inferred"] else "")
        click.echo(f"{r['id']:>6}  {date:<11} {r['story_id'] or '-':<10} {r['external_id'][:28]:<28} "
                   f"{(r['source'] or '')[:16]:<16} {r['title'][:60]}{dup}")


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
    from khabar.views import article_view, mark_removed

    store = _ctx(db).store
    article = store.load_article(article_id)
    if as_json:
        _dump(article_view(store, article))
        return
    click.echo(f"# {article.title or '(untitled)'}")
    click.echo(f"id {article.id}  external_id {article.external_id}  source {article.source or '-'}  "
               f"published {article.published or '-'}{' (inferred)' if article.published_inferred else ''}  "
               f"language {article.language or '-'}  dateline {article.dateline or '-'}")
    click.echo("")
    click.echo(mark_removed(article) if raw else article.clean_text)
    if article.removed and not raw:
        click.echo("\nRemoved:")
        for r in article.removed:
            click.echo(f"  - {r.reason}: {r.text.strip()[:100]!r}{' (' + r.detail + ')' if r.detail else ''}")


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True)
@json_option
def search(query, db, limit, as_json) -> None:
    """Full-text search (Devanagari-aware; nukta and digit variants match).

    \b
    Example:
      khabar search "उत्तर कोरिया"
    """
    rows = [r.to_dict() for r in _ctx(db).store.search(query, limit=limit)]
    if as_json:
        _dump(rows)
        return
    for r in rows:
        click.echo(f"{r['id']:>6}  {r['external_id'][:28]:<28} {r['title'][:50]}\n        {r['snippet']}")
    if not rows:
        click.echo("no match")


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
def export(db, fmt, output) -> None:
    """Export every stored report (clean text, metadata, story) as JSONL or CSV.

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
        writer.writeheader()
    for record in store.iter_articles(fields):
        if writer:
            writer.writerow(record)
        else:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if output != "-":
        out.close()


@cli.command()
@db_option
@click.option("--order", type=click.Choice(["newest", "largest"]), default="newest", show_default=True)
@click.option("--limit", default=50, show_default=True)
@click.option("--since", default=None, help="Stories seen on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Stories seen on or before this date (YYYY-MM-DD).")
@click.option("--source", default=None, help="Stories with a report from this outlet.")
@click.option("--language", default=None, help="Stories with a report in this language.")
@json_option
def stories(db, order, limit, since, until, source, language, as_json) -> None:
    """List stories (newest or largest first).

    \b
    Example:
      khabar stories --order largest --since 2020-03-21
    """
    rows = [r.to_dict(articles=False) for r in _ctx(db).store.list_stories(
        order=order, limit=limit, since=since, until=until, source=source, language=language)]
    if as_json:
        _dump([{k: v for k, v in r.items() if k != "articles"} for r in rows])
        return
    if not rows:
        click.echo("no stories match (ingest reports first: khabar ingest PATH)")
    for r in rows:
        span = f"{(r['first_seen'] or '?')[:10]}..{(r['last_seen'] or '?')[:10]}"
        click.echo(f"{r['id']:<10} {r['storyline_id'] or '-':<10} {r['size']:>3} reports  {span:<22} "
                   f"{r['headline'][:70]}")


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
    store = _ctx(db).store
    data = store.story(story_id).to_dict()
    data["history"] = [h.to_dict() for h in store.story_history(data["id"])]
    if as_json:
        _dump(data)
        return
    click.echo(f"{data['id']}  (storyline {data['storyline_id'] or '-'})  {data['headline']}")
    click.echo(f"{data['size']} reports, {(data['first_seen'] or '?')[:10]}..{(data['last_seen'] or '?')[:10]}, "
               f"sources: {', '.join(data['sources']) or '-'}; languages: {', '.join(data['languages']) or '-'}")
    for a in data["articles"]:
        dup = f"  (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""
        click.echo(f"  {a['id']:>6} {a['external_id'][:30]:<30} {(a['published'] or '')[:10]:<10} {a['title'][:60]}{dup}")


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
    rows = [r.to_dict(articles=False)
            for r in _ctx(db).store.list_stories(storyline=storyline_id, order="newest", limit=1000)]
    if not rows:
        raise KhabarError(f"no storyline with id '{storyline_id}'")
    rows.sort(key=lambda r: (r["first_seen"] or "", r["id"]))
    if as_json:
        _dump({"id": storyline_id, "stories": [{k: v for k, v in r.items() if k != "articles"} for r in rows]})
        return
    for r in rows:
        click.echo(f"{(r['first_seen'] or '?')[:10]}  {r['id']:<10} {r['size']:>3} reports  {r['headline'][:70]}")


@cli.command()
@db_option
@click.option("--story", default=None, help="Only entities of this story, by salience.")
@click.option("--limit", default=100, show_default=True)
@json_option
def entities(db, story, limit, as_json) -> None:
    """List people, places and organisations with their merged spellings.

    \b
    Example:
      khabar entities --story s-000001
    """
    rows = _ctx(db).store.ranked_entities(story=story, limit=limit)
    if as_json:
        _dump(rows)
        return
    if not rows:
        click.echo("no entities match")
    for r in rows:
        aliases = ", ".join(sorted(r["aliases"], key=lambda a: -r["aliases"][a])[:6])
        click.echo(f"{r['type']:<4} {r['display'][:24]:<24} {r['latin'][:20]:<20} {r['articles']:>4} reports  {aliases}")


@cli.command()
@click.argument("name")
@db_option
@json_option
def entity(name, db, as_json) -> None:
    """Show one entity (any spelling, either script): aliases, roles, stories over time.

    \b
    Example:
      khabar entity Putin
    """
    data = _ctx(db).store.find_entity(name)
    if as_json:
        _dump(data)
        return
    click.echo(f"{data['display']} ({data['latin'] or '-'}) [{data['type']}] key {data['key']}")
    click.echo("aliases: " + ", ".join(f"{a} ({n})" for a, n in data["aliases"].items()))
    if data["roles"]:
        click.echo("roles: " + ", ".join(f"{a} ({n})" for a, n in data["roles"].items()))
    for s in data["stories"]:
        click.echo(f"  {(s['first'] or '?')[:10]}  {s['story_id']}  {s['mentions']} mentions")


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
    from khabar.views import story_claims

    data = story_claims(_ctx(db).store, story_id)
    if as_json:
        _dump(data)
        return
    from khabar.views import format_claims

    click.echo(format_claims(data))


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
    from khabar.views import format_timeline, story_timeline

    data = story_timeline(_ctx(db).store, story_id)
    if as_json:
        _dump(data)
        return
    click.echo(format_timeline(data))


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--sentences", "-n", default=None, type=int, help="Summary length (default from settings: 6).")
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
    from khabar.views import format_summary, story_summary

    c = _ctx(db)
    data = story_summary(c.store, story_id, sentences or c.settings.summary.sentences, c.settings, abstractive)
    if as_json or fmt == "json":
        _dump(data)
    else:
        click.echo(format_summary(data, fmt))


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-")
@click.option("--sentences", "-n", default=None, type=int)
@click.option("--abstractive", is_flag=True, help="Include the checked abstractive summary (see `summary`).")
def report(story_id, db, fmt, output, sentences, abstractive) -> None:
    """A standalone story report: headline, cited summary, timeline, entities, claims, sources.

    \b
    Example:
      khabar report s-000001 --format html -o story.html
    """
    from khabar.views import story_report_text

    c = _ctx(db)
    text = story_report_text(c.store, story_id, fmt, sentences or c.settings.summary.sentences, c.settings,
                             abstractive)
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
    """
    from khabar.demo import run_demo

    run_demo(Path(output_dir), db)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
def serve(db, host, port) -> None:
    """Serve the HTTP JSON API (/api/...) and web pages (/) over the store.

    Needs the web extra: pip install 'khabar[web]'.

    \b
    Example:
      khabar serve --db news.db --port 8000
    """
    from khabar.api import create_app
    from khabar.errors import requires

    uvicorn = requires("uvicorn", "web", "The HTTP server")
    uvicorn.run(create_app(_ctx(db).settings.db), host=host, port=port)


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
