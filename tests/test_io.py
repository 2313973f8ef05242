"""Import (bad lines reported by number, good ones kept) and export with labels."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groundswell.cli import app
from groundswell.io import export_posts, import_posts
from groundswell.store import Store

runner = CliRunner()

GOOD = {"source": "mastodon", "id": "109", "created_at": "2026-11-20T09:14:00Z",
        "text": "Three missed home care visits this week and nobody rang to say",
        "author": "daughter@example.social", "url": "https://example.social/@d/109", "lang": "en",
        "likes": 4}  # fmt: skip


def lines(*items: object) -> str:
    return "\n".join(item if isinstance(item, str) else json.dumps(item) for item in items) + "\n"


def test_bad_lines_are_reported_and_good_lines_kept(tmp_path: Path, store: Store) -> None:
    file = tmp_path / "posts.jsonl"
    file.write_text(lines(
        GOOD,
        "{not json",
        {**GOOD, "id": "110", "created_at": "last tuesday"},
        {**GOOD, "id": "111", "text": None},
        "",
        {**GOOD, "id": "112", "url": "javascript:alert(1)"},
        {**GOOD, "id": "113", "likes": -2},
        [1, 2],
        {**GOOD, "id": "114", "text": "<p>Carers Week <b>starts</b></p>", "created_at": "2026-11-21T10:00:00+01:00"},
    ), encoding="utf-8")  # fmt: skip
    saved, problems = import_posts(store, file)
    assert saved.new == 2
    assert [n for n, _ in problems] == [2, 3, 4, 6, 7, 8]
    reasons = dict(problems)
    assert "not valid JSON" in reasons[2] and "ISO 8601" in reasons[3] and "missing text" in reasons[4]
    assert "http(s)" in reasons[6] and "likes" in reasons[7] and "JSON object" in reasons[8]
    rows = list(store.iter_export())
    assert [r["native_id"] for r in rows] == ["109", "114"]
    assert rows[1]["text"] == "Carers Week starts"
    assert rows[1]["created_at"].isoformat() == "2026-11-21T09:00:00+00:00"
    again, _ = import_posts(store, file)
    assert again.new == 0 and store.count_posts() == 2


def test_import_command_exits_non_zero_on_bad_lines(tmp_path: Path) -> None:
    config = tmp_path / "groundswell.toml"
    config.write_text("", encoding="utf-8")
    file = tmp_path / "posts.jsonl"
    file.write_text(lines(GOOD, "oops"), encoding="utf-8")
    result = runner.invoke(app, ["--config", str(config), "import", str(file)])
    assert result.exit_code == 1
    assert f"{file}:2: not valid JSON" in result.output
    assert "Imported 1 new posts" in result.output


def test_export_jsonl_and_csv_with_labels_and_since(tmp_path: Path, sqlite_store: Store) -> None:
    file = tmp_path / "posts.jsonl"
    file.write_text(lines(GOOD, {**GOOD, "id": "old", "created_at": "2026-10-01T00:00:00Z"}), encoding="utf-8")
    import_posts(sqlite_store, file)
    [(post_id, _)] = [p for p in sqlite_store.unlabelled_posts() if p[1] == GOOD["text"]][:1]
    sqlite_store.save_labels([{"post_id": post_id, "relevant": True, "relevance": 0.9,
                               "themes": ["home_care"], "sentiment": "negative", "sentiment_score": 0.8,
                               "voice": "carer", "model_version": "t"}])  # fmt: skip
    out = io.StringIO()
    from datetime import UTC, datetime

    assert export_posts(sqlite_store, out, "jsonl", since=datetime(2026, 11, 1, tzinfo=UTC)) == 1
    row = json.loads(out.getvalue())
    assert (row["id"], row["themes"], row["sentiment"], row["voice"]) == ("109", ["home_care"], "negative", "carer")
    out = io.StringIO()
    assert export_posts(sqlite_store, out, "csv") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in rows] == ["old", "109"] and rows[1]["themes"] == "home_care"


def test_export_command_validates_its_options(tmp_path: Path) -> None:
    config = tmp_path / "groundswell.toml"
    config.write_text("", encoding="utf-8")
    bad = runner.invoke(app, ["--config", str(config), "export", "--format", "xml"])
    assert bad.exit_code == 2 and "jsonl or csv" in bad.output
    target = tmp_path / "out.csv"
    ok = runner.invoke(
        app, ["--config", str(config), "export", "-f", "csv", "--since", "2026-01-01", "-o", str(target)]
    )
    assert ok.exit_code == 0, ok.output
    assert target.read_text().startswith("source,id,created_at")


def test_lines_that_are_not_utf8_are_reported_not_garbled(tmp_path: Path, store: Store) -> None:
    file = tmp_path / "posts.jsonl"
    latin1 = json.dumps({**GOOD, "id": "cafe", "text": "Respite at the café"}, ensure_ascii=False).encode("latin-1")
    file.write_bytes(b"\xef\xbb\xbf" + lines(GOOD).encode() + latin1 + b"\r\n" + lines({**GOOD, "id": "3"}).encode())
    saved, problems = import_posts(store, file)
    assert saved.new == 2  # the byte-order mark on line 1 is no problem
    at = latin1.index(b"\xe9") + 1
    assert problems == [(2, f"not UTF-8 text (byte 0xe9 at byte {at} of the line); save the file as UTF-8")]
    assert "\ufffd" not in "".join(r["text"] for r in store.iter_export())


def test_a_utf16_file_is_named_as_such(tmp_path: Path, store: Store) -> None:
    file = tmp_path / "posts.jsonl"
    file.write_text(lines(GOOD, {**GOOD, "id": "2"}), encoding="utf-16")
    saved, problems = import_posts(store, file)
    assert saved.new == 0
    assert problems == [(1, "the file is UTF-16 text; save it as UTF-8 (JSON Lines are UTF-8)")]


def test_an_overlong_line_is_skipped_unread_and_the_next_line_kept(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import groundswell.io as gio

    monkeypatch.setattr(gio, "MAX_LINE_BYTES", 1000)
    file = tmp_path / "posts.jsonl"
    big = json.dumps({**GOOD, "id": "big", "text": "care " * 2000})
    file.write_text(lines(big, "x" * 5000, {**GOOD, "id": "after"}), encoding="utf-8")
    saved, problems = import_posts(store, file)
    assert saved.new == 1 and [r["native_id"] for r in store.iter_export()] == ["after"]
    assert problems == [(1, f"line of {len(big) + 1:,} bytes is over the 1,000-byte limit; skipped"),
                        (2, "line of 5,001 bytes is over the 1,000-byte limit; skipped")]  # fmt: skip


def test_import_of_an_empty_file_says_so(tmp_path: Path) -> None:
    config = tmp_path / "groundswell.toml"
    config.write_text("", encoding="utf-8")
    file = tmp_path / "posts.jsonl"
    file.write_bytes(b"")
    result = runner.invoke(app, ["--config", str(config), "import", str(file)])
    assert result.exit_code == 0
    assert "is empty: nothing to import" in result.output


def test_export_to_a_place_that_cannot_be_written_says_why_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "groundswell.toml"
    config.write_text("", encoding="utf-8")
    for target, why in ((tmp_path / "no-such-folder" / "posts.csv", "No such file or directory"),
                        (tmp_path, "Is a directory")):  # fmt: skip
        result = runner.invoke(app, ["--config", str(config), "export", "-o", str(target)])
        assert result.exit_code == 1
        assert f"Cannot write {target}: {why}" in " ".join(result.output.split())
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_a_failed_export_leaves_the_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import groundswell.commands.core as core

    config = tmp_path / "groundswell.toml"
    config.write_text("", encoding="utf-8")
    target = tmp_path / "posts.jsonl"
    target.write_text("yesterday's export\n", encoding="utf-8")

    def full_disk(store: object, out: io.StringIO, fmt: str, since: object) -> int:
        out.write('{"source": "half')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(core, "export_posts", full_disk)
    result = runner.invoke(app, ["--config", str(config), "export", "-o", str(target)])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert target.read_text(encoding="utf-8") == "yesterday's export\n"


def test_source_and_id_carry_no_control_or_bidi_characters(tmp_path: Path, store: Store) -> None:
    file = tmp_path / "posts.jsonl"
    file.write_text(lines(
        {**GOOD, "source": "\u001b[31mmastodon"},
        {**GOOD, "id": "10\u202e9"},
        {**GOOD, "source": {"nested": True}},
        {**GOOD, "id": 42},
    ), encoding="utf-8")  # fmt: skip
    saved, problems = import_posts(store, file)
    assert saved.new == 1 and [r["native_id"] for r in store.iter_export()] == ["42"]
    assert problems == [(1, "source '\\x1b[31mmastodon' contains control or bidi characters"),
                        (2, "id '10\\u202e9' contains control or bidi characters"),
                        (3, "source must be a string")]  # fmt: skip


def test_an_error_from_the_system_is_one_line_and_v_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import groundswell.commands.core as core

    config = tmp_path / "groundswell.toml"
    config.write_text("", encoding="utf-8")
    file = tmp_path / "posts.jsonl"
    file.write_text(lines(GOOD), encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(core, "import_posts", refused)
    result = runner.invoke(app, ["--config", str(config), "import", str(file)], env={"COLUMNS": "250"})
    assert result.exit_code == 1
    assert f"Error: [Errno 13] Permission denied: '{file}' (-v shows where)" in result.output
    verbose = runner.invoke(app, ["-v", "--config", str(config), "import", str(file)])
    assert isinstance(verbose.exception, PermissionError)


def test_csv_export_never_hands_a_spreadsheet_a_formula(tmp_path: Path, store: Store) -> None:
    file = tmp_path / "posts.jsonl"
    file.write_text(lines(
        {**GOOD, "id": "1", "text": '=HYPERLINK("https://evil.example","Carers Week")'},
        {**GOOD, "id": "2", "text": "@council why were the visits cut?", "author": "+44 7700 900123"},
        {**GOOD, "id": "3", "text": "-15 minute visits are not care"},
    ), encoding="utf-8")  # fmt: skip
    import_posts(store, file)
    out = io.StringIO()
    export_posts(store, out, "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["1"]["text"] == "'=HYPERLINK(\"https://evil.example\",\"Carers Week\")"
    assert rows["2"]["text"].startswith("'@council") and rows["2"]["author"] == "'+44 7700 900123"
    assert rows["3"]["text"] == "'-15 minute visits are not care"
    assert rows["1"]["likes"] == "4" and rows["1"]["created_at"].startswith("2026-11-20")
    out = io.StringIO()
    export_posts(store, out, "jsonl")  # JSON Lines is data for programs: exactly as stored
    assert json.loads(out.getvalue().splitlines()[0])["text"].startswith("=HYPERLINK")
