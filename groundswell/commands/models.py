"""Model commands: classify, eval, train and bench."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .. import cli
from ..cli import app, console, err_console, open_store, settings
from ..config import Config, config_path
from ..errors import GroundswellError


def _config_or_none() -> Config | None:
    """The config when its file exists; eval and bench also work without one."""
    if config_path(cli._state.get("config")).exists():
        return settings()
    return None


def _models(config: Config | None):  # type: ignore[no-untyped-def]
    from ..models import load_models

    if config is None:
        return load_models(None)
    return load_models(config.model_dir, themes=config.taxonomy.themes)


def _records(data: Path | None, split: str | None) -> tuple[list[dict], str]:
    from ..models import LabelError, corpus_path, read_labelled

    if data is not None and split is not None:
        raise typer.BadParameter("give --data or --split, not both")
    path = data if data is not None else corpus_path(split or "test")
    try:
        return read_labelled(path), str(path if data is not None else f"seed corpus: {split or 'test'}")
    except LabelError as exc:
        raise GroundswellError(str(exc)) from exc


@app.command()
def classify(batch: int = typer.Option(500, "--batch", min=1, help="Posts per batch.")) -> None:
    """Label every post that has no labels yet (or labels from older models)."""
    from ..classify import classify_new

    config = settings()
    store = open_store(config)
    pending = store.count_unlabelled()
    with console.status(f"Classifying (about {pending} posts waiting)…") as status:
        done = [0]

        def progress(n: int) -> None:
            done[0] += n
            status.update(f"Classified {done[0]} posts…")

        total = classify_new(store, config, batch=batch, on_batch=progress)
    console.print(f"Labelled {total} posts.")


@app.command("eval")
def eval_(
    data: Path | None = typer.Option(None, "--data", exists=True, dir_okay=False,
                                     help="Labelled JSON Lines (format in docs/architecture.md)."),
    split: str | None = typer.Option(
        None, "--split",
        help="A shipped set instead: test, unseen, blind, fresh, holdout, holdout2 … holdout7, "
             "general_sentiment."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    vader: bool = typer.Option(False, "--vader", help="Also score VADER's sentiment on the file."),
    show_confusion: bool = typer.Option(
        False, "--confusion",
        help="Also show where the models go wrong: confusion matrices (rows are the truth), "
             "each theme's F1 and themes per post."),
    errors: Path | None = typer.Option(
        None, "--errors", dir_okay=False,
        help="Write every post with a wrong label to this JSON Lines file, with the models' "
             "labels under \"predicted\"."),
) -> None:
    """Score the current models on a labelled file (default: the seed corpus's test split)."""
    from ..models import confusion, evaluate, vader_evaluate

    records, name = _records(data, split)
    models = _models(_config_or_none())
    result = evaluate(models, records)
    baseline = vader_evaluate(records) if vader else None
    matrices: dict = {}
    if show_confusion or errors:
        matrices, wrong = confusion(models, records)
        if errors:
            with errors.open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in wrong)
    if as_json:
        out = dict(result)
        if baseline is not None:
            out["vader"] = {"sentiment": baseline["sentiment"]}
        if show_confusion:
            out["confusion"] = matrices
        typer.echo(json.dumps(out))
        return
    table = Table(title=f"Models on {name} ({result['n']} posts)")
    table.add_column("head")
    table.add_column("measure")
    table.add_column("score", justify="right")
    for head, scores in result.items():
        if isinstance(scores, dict):
            for measure, value in scores.items():
                table.add_row(head, measure, f"{value:.3f}")
    if baseline is not None:
        for measure, value in baseline["sentiment"].items():
            table.add_row("VADER sentiment", measure, f"{value:.3f}")
    console.print(table)
    if show_confusion:
        _print_confusion(matrices)
    if errors:
        console.print(f"Wrote {len(wrong)} posts with a wrong label to {errors}.")


def _print_confusion(matrices: dict) -> None:
    for head in ("relevance", "sentiment", "voice"):
        if head not in matrices:
            continue
        labels, m = matrices[head]["labels"], matrices[head]["matrix"]
        table = Table(title=f"{head}: rows are the truth, columns the prediction")
        table.add_column("truth")
        for label in labels:
            table.add_column(label, justify="right")
        for label, row in zip(labels, m, strict=True):
            table.add_row(label, *(str(n) for n in row))
        console.print(table)
    if "themes" in matrices:
        t = matrices["themes"]
        table = Table(title=f"themes: {t['per_post_predicted']:.2f} per post predicted, "
                            f"{t['per_post_true']:.2f} true")
        table.add_column("theme")
        table.add_column("f1", justify="right")
        for theme, f1 in sorted(t["f1"].items(), key=lambda kv: kv[1]):
            table.add_row(theme, f"{f1:.3f}")
        console.print(table)


@app.command()
def train(
    data: list[Path] | None = typer.Option(None, "--data", exists=True, dir_okay=False,
                                           help="More labelled JSON Lines (repeatable)."),
    feedback: bool = typer.Option(True, "--feedback/--no-feedback",
                                  help="Use the labels users gave in the store."),
    seed: int = typer.Option(0, "--seed", help="Training seed."),
) -> None:
    """Retrain from the seed corpus, your labelled files and feedback; save to the model dir."""
    from ..models import LabelError, evaluate, load_corpus, read_labelled, train_models

    config = _config_or_none()
    themes = config.taxonomy.themes if config else None
    extra: list[dict] = []
    for path in data or []:
        try:
            extra += read_labelled(path)
        except LabelError as exc:
            raise GroundswellError(str(exc)) from exc
    n_feedback = 0
    if feedback and config is not None:
        given = open_store(config).feedback_labels()
        n_feedback = len(given)
        extra += given
    try:
        with console.status("Training…"):
            models = train_models(extra or None, themes=themes, seed=seed)
    except LabelError as exc:
        raise GroundswellError(str(exc)) from exc
    from ..models import default_model_dir

    target = config.model_dir if config else default_model_dir()
    models.save(target)
    console.print(f"Trained models {models.version} on {models.n_trained_} posts "
                  f"({len(extra) - n_feedback} from files, {n_feedback} from feedback); saved to {target}.")
    scores = evaluate(models, load_corpus("test"))
    console.print("Held-out test split: " + json.dumps(scores))


@app.command()
def bench(
    n: int = typer.Option(100_000, "--n", min=10, help="Posts to classify, and the week's size."),
    baseline_weeks: int = typer.Option(4, "--baseline-weeks", min=0, max=8,
                                       help="Weeks of baseline for movement detection."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Time all four heads and VADER on the same generated posts, and movement detection."""
    from ..models.bench import run_bench

    try:
        result = run_bench(_models(_config_or_none()), n=n, baseline_weeks=baseline_weeks,
                           progress=None if as_json else err_console.print)
    except ImportError as exc:
        err_console.print(str(exc))
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(result))
        return
    c = result["classify"]
    m = result["movements"]
    console.print(f"classified {c['posts']} posts: models {c['models_posts_per_s']:,.0f} posts/s, "
                  f"VADER {c['vader_posts_per_s']:,.0f} posts/s, ratio {c['ratio']:.2f}x", soft_wrap=True)
    console.print(f"  with 2 processes: models {c['models_2proc_posts_per_s']:,.0f} posts/s, "
                  f"ratio {c['ratio_2proc']:.2f}x")
    console.print(f"movements: {m['week_posts']} week posts + {m['baseline_posts']} baseline posts "
                  f"in {m['seconds']:.2f} s ({m['movements']} found)")
    console.print(f"peak memory: {result['peak_rss_mb']:.0f} MB")
