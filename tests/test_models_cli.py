"""The model commands through the CLI runner: eval, train, bench and classify."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groundswell.cli import app
from groundswell.models import load_corpus

runner = CliRunner()


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trained_model_dir: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GROUNDSWELL_CONFIG", raising=False)
    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(trained_model_dir))
    return tmp_path


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_eval_json_has_a_block_per_label(here: Path) -> None:
    data = _write(here / "labels.jsonl", load_corpus("test")[:80])
    result = runner.invoke(app, ["eval", "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"n", "relevance", "sentiment", "themes", "voice"} and out["n"] == 80
    only = _write(here / "sent.jsonl", [{"text": r["text"], "sentiment": r["sentiment"]}
                                        for r in load_corpus("general_sentiment")[:40]])
    out = json.loads(runner.invoke(app, ["eval", "--data", str(only), "--json", "--vader"]).stdout)
    assert set(out) == {"n", "sentiment", "vader"}


def test_eval_table_and_bad_file(here: Path) -> None:
    result = runner.invoke(app, ["eval", "--split", "unseen"])
    assert result.exit_code == 0, result.output
    assert "sentiment" in result.stdout and "macro_f1" in result.stdout
    bad = here / "bad.jsonl"
    bad.write_text('{"text": "x", "voice": "robot"}\n')
    result = runner.invoke(app, ["eval", "--data", str(bad)])
    assert result.exit_code == 1 and "voice" in result.output


def test_train_with_a_user_file_saves_models(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = here / "models"
    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(target))
    extra = _write(here / "mine.jsonl", [
        {"text": "Our day centre in Hexley is closing and nobody asked us", "relevant": True,
         "sentiment": "negative", "voice": "carer", "themes": ["funding"]},
    ])
    result = runner.invoke(app, ["train", "--data", str(extra)])
    assert result.exit_code == 0, result.output
    assert (target / "care_models.skops").exists()
    assert "1 from files" in result.stdout


def test_bench_small(here: Path) -> None:
    result = runner.invoke(app, ["bench", "--n", "300", "--baseline-weeks", "1", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["classify"]["posts"] == 300
    assert out["classify"]["models_posts_per_s"] > 0 and out["classify"]["vader_posts_per_s"] > 0
    assert out["movements"]["week_posts"] >= 300 and out["peak_rss_mb"] > 0


def test_classify_labels_imported_posts(here: Path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 0
    posts = [
        {"source": "mastodon", "id": str(i), "created_at": "2026-11-20T09:14:00Z", "text": text,
         "author": f"a{i}", "url": f"https://example.org/{i}", "lang": "en"}
        for i, text in enumerate([
            "Mum was left without a shower for a week because the agency had no carers",
            "Take care everyone, see you after the holidays",
            "Carer's Allowance overpayment letter came today. I'm terrified",
        ])
    ]
    imported = runner.invoke(app, ["import", str(_write(here / "posts.jsonl", posts))])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(app, ["classify"])
    assert result.exit_code == 0, result.output
    assert "Labelled 3 posts" in result.stdout
    assert "Labelled 0 posts" in runner.invoke(app, ["classify"]).stdout


def test_eval_confusion_and_errors_file(here: Path) -> None:
    recs = load_corpus("test")[:60]
    data = _write(here / "labels.jsonl", recs)
    errors = here / "wrong.jsonl"
    result = runner.invoke(app, ["eval", "--data", str(data), "--confusion", "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "rows are the truth" in result.stdout and "per post predicted" in result.stdout
    wrong = [json.loads(line) for line in errors.read_text().splitlines()]
    assert f"Wrote {len(wrong)} posts" in result.stdout.replace("\n", " ")
    assert all(w["predicted"] and w["text"] in {r["text"] for r in recs} for w in wrong)
    out = json.loads(runner.invoke(app, ["eval", "--data", str(data), "--json", "--confusion"]).stdout)
    assert sum(map(sum, out["confusion"]["sentiment"]["matrix"])) == 60
