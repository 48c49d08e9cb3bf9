"""`khabar demo`: the whole pipeline on the bundled sample corpus, shown step by step."""

from __future__ import annotations

from pathlib import Path

import click

from khabar.config import load_settings
from khabar.errors import InputNotFound


def find_seeds() -> Path:
    """The bundled sample corpus: examples/seeds in a source checkout."""
    here = Path(__file__).resolve()
    for base in (here.parents[2], Path.cwd()):
        candidate = base / "examples" / "seeds"
        if candidate.is_dir():
            return candidate
    raise InputNotFound("sample corpus examples/seeds not found: run from a khabar checkout",
                        input_name="examples/seeds")


def run_demo(output_dir: Path, db: str | None = None) -> dict:
    from khabar import views
    from khabar.pipeline import ingest_paths
    from khabar.render import render
    from khabar.store import open_store

    output_dir.mkdir(parents=True, exist_ok=True)
    db_path = Path(db) if db else output_dir / "demo.db"
    if not db:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    settings = load_settings(db=str(db_path))
    store = open_store(str(db_path))
    seeds = find_seeds()

    click.secho(f"== ingest {seeds}", bold=True)
    report = ingest_paths(store, [str(seeds)], settings=settings)
    click.echo(report.summary())

    click.secho("\n== cleaning: noise removed from each report", bold=True)
    for row in sorted(views.build_articles(store, limit=1000).articles, key=lambda r: r.external_id):
        article = store.load_article(row.id)
        click.echo(f"{article.external_id}  lang={article.language}  dateline={article.dateline or '-'}  "
                   f"published={article.published.date() if article.published else '-'}"
                   f"{' (inferred)' if article.published_inferred else ''}  sentences={len(article.sentences)}")
        for span in article.removed:
            click.echo(f"    - {span.reason:<16} {span.text.strip()[:90]!r}")

    stories = views.build_stories(store, order="largest", limit=100).stories
    click.secho("\n== stories", bold=True)
    for s in stories:
        click.echo(f"{s.id}  storyline={s.storyline_id}  reports={', '.join(s.external_ids)}")
        click.echo(f"    {s.headline}")
    main = stories[0].id

    click.secho(f"\n== entities of {main}", bold=True)
    for e in views.build_entities(store, story=main, limit=40).entities:
        click.echo(f"{e.type:<4} {e.display:<24} {e.latin:<20} aliases: {', '.join(e.aliases)}")

    click.secho(f"\n== claims and conflicts in {main}", bold=True)
    click.echo(render(views.build_claims(store, main)))

    storyline = stories[0].storyline_id
    click.secho(f"\n== timeline of storyline {storyline}", bold=True)
    click.echo(render(views.build_timeline(store, storyline or main)))

    click.secho(f"\n== summary of {main}", bold=True)
    click.echo(render(views.build_summary(store, main, settings)))

    written = {}
    report = views.build_report(store, main, settings)
    for fmt in ("html", "md"):
        path = output_dir / f"report.{fmt}"
        path.write_text(render(report, fmt), encoding="utf-8")
        written[fmt] = str(path)
    click.secho(f"\nreport written: {written['html']} and {written['md']}", bold=True)
    store.close()
    return {"db": str(db_path), "main_story": main, "report": written}
