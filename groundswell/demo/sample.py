"""The demo's sample: eight weeks of public talk about care, generated from written stories.

The stories live in ``data/demo/stories.toml``. Dates are relative to now: the eight complete
ISO weeks ending with the last complete one (the week the digest covers), plus a few posts so
far this week. The same seed gives the same sample for the same week.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

from ..periods import Period
from ..posts import jaccard, shingles

__all__ = ["CHANNELS", "Sample", "SamplePetition", "SamplePost", "build_sample", "load_stories"]

CHANNELS = ("news", "mastodon", "reddit", "forum")
WEEKS = 8
FOCUS_STORIES = ("fifteen_minute_visits", "millbrook_whistleblowing")  # never scaled down
NEWS_FEEDS = ("care-bulletin", "westmere-gazette")
SUBREDDITS = ("CarersUK", "UKCareWorkers")
SIMILAR = 0.45  # below the store's near-duplicate line: distinct posts stay distinct


@dataclass(frozen=True)
class SamplePost:
    story: str
    channel: str
    created_at: datetime
    author: str
    author_name: str
    text: str
    title: str | None = None
    tags: tuple[str, ...] = ()
    feed: str | None = None
    thread: str | None = None  # forum: posts with the same thread share a topic
    likes: int = 0
    reposts: int = 0
    replies: int = 0


@dataclass(frozen=True)
class SamplePetition:
    id: int
    action: str
    background: str
    additional_details: str
    topics: tuple[str, ...]
    created_at: datetime
    weekly: tuple[tuple[datetime, int], ...]  # (end of week, signatures then)
    signature_count: int


@dataclass
class Sample:
    period: Period
    start: datetime
    now: datetime
    posts: list[SamplePost] = field(default_factory=list)
    petitions: list[SamplePetition] = field(default_factory=list)

    def by_channel(self, channel: str) -> list[SamplePost]:
        return [p for p in self.posts if p.channel == channel]


def load_stories() -> dict[str, Any]:
    text = resources.files("groundswell").joinpath("data/demo/stories.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


class _Writer:
    """Fills stories' fragments and slots, keeping each story's posts distinct from each other."""

    def __init__(self, data: dict[str, Any], rng: random.Random) -> None:
        self.places = data["places"]
        self.people = data["people"]
        self.rng = rng
        self.recent: dict[str, list[tuple[datetime, set[str]]]] = {}
        self.handles: dict[str, list[str]] = {}
        self.fresh = 0
        self.headlines: dict[str, list[dict[str, str]]] = {}

    def fill(self, template: str) -> str:
        out = template
        for key, values in self.places.items():
            while "{" + key + "}" in out:
                out = out.replace("{" + key + "}", self.rng.choice(values), 1)
        return out

    def distinct(self, story: str, when: datetime, make: Any) -> str:
        """A text not too close to the story's posts of the same fortnight (best of 25 tries)."""
        window = [g for t, g in self.recent.get(story, []) if abs((t - when).total_seconds()) < 14 * 86400]
        best, best_score = "", 2.0
        for _ in range(25):
            text = make()
            grams = shingles(text)
            score = max((jaccard(grams, g) for g in window), default=0.0)
            if score < best_score:
                best, best_score = text, score
            if score < SIMILAR:
                break
        self.recent.setdefault(story, []).append((when, shingles(best)))
        return best

    def handle(self, channel: str, voice: str, *, new: bool = False) -> tuple[str, str]:
        """(handle, display name). ``new`` gives a person nobody has seen yet (a movement's breadth)."""
        people, rng = self.people, self.rng
        if voice == "organisation":
            name = rng.choice(people["organisations"])
            return name, name
        pool = self.handles.setdefault(channel, [])
        if new or len(pool) < 40 or rng.random() < 0.3:
            self.fresh += 1
            first, last = rng.choice(people["first"]), rng.choice(people["last"])
            base = f"{first}{rng.choice(['', '_', '.'])}{last}{rng.choice(people['suffix'])}{self.fresh % 97}"
            pool.append(base)
            handle = base
        else:
            handle = rng.choice(pool)
        display = handle.split("_")[0].split(".")[0].rstrip("0123456789").title() or "Carer"
        if channel == "mastodon":
            server = rng.choice(people["mastodon_servers"])
            handle = handle if server == people["mastodon_servers"][0] else f"{handle}@{server}"
        return handle, display


def _when(rng: random.Random, start: datetime, end: datetime, skew_late: bool) -> datetime:
    """A plausible posting time in [start, end): daytime-heavy, optionally later in the range."""
    span = (end - start).total_seconds()
    for _ in range(20):
        fraction = rng.triangular(0.15, 1.0, 0.95) if skew_late else rng.random()
        moment = start + timedelta(seconds=fraction * span)
        if 7 <= moment.hour <= 23 or rng.random() < 0.1:
            return moment.replace(microsecond=0)
    return (start + timedelta(seconds=rng.random() * span)).replace(microsecond=0)


def _social_text(writer: _Writer, story: dict[str, Any]) -> str:
    return writer.fill(
        " ".join((writer.rng.choice(story["openers"]), writer.rng.choice(story["details"]),
                  writer.rng.choice(story["closers"])))
    )  # fmt: skip


def _next_headline(writer: _Writer, story: dict[str, Any]) -> dict[str, str]:
    """Headlines in a shuffled round, so a story's coverage does not repeat itself week after week."""
    queue = writer.headlines.setdefault(story["id"], [])
    if not queue:
        queue.extend(writer.rng.sample(story["news"], k=len(story["news"])))
    return queue.pop()


def _news_text(writer: _Writer, item: dict[str, str], story: dict[str, Any]) -> tuple[str, str]:
    role = writer.rng.choice(["one carer", "a care worker", "one relative", "a local manager", "one campaigner"])
    quote = writer.rng.choice(story["details"])
    body = f'{item["body"]} "{quote}", {role} told us.'
    return writer.fill(item["headline"]), writer.fill(body)


def _post(writer: _Writer, story: dict[str, Any], channel: str, when: datetime, *, new_author: bool) -> SamplePost:
    rng = writer.rng
    sid = story["id"]
    if channel == "news":
        headline, body = "", ""
        item = _next_headline(writer, story)

        def make() -> str:
            nonlocal headline, body
            headline, body = _news_text(writer, item, story)
            return f"{headline}\n{body}"

        writer.distinct(sid, when, make)
        feed = "westmere-gazette" if sid == "millbrook_whistleblowing" or rng.random() < 0.35 else "care-bulletin"
        journalist = rng.choice(writer.people["journalists"])
        return SamplePost(sid, channel, when, journalist, journalist, body, title=headline, feed=feed)
    text = writer.distinct(sid, when, lambda: _social_text(writer, story))
    voice = rng.choice(story["voices"])
    handle, display = writer.handle(channel, voice, new=new_author)
    tags = tuple(dict.fromkeys([story["tags"][0], *rng.sample(story["tags"], k=min(2, len(story["tags"])))]))
    title = rng.choice(story["titles"]) if channel in ("reddit", "forum") else None
    busy = 4 if sid in FOCUS_STORIES else 1
    return SamplePost(
        sid, channel, when, handle, display, text, title=title, tags=tags,
        thread=f"{sid}-megathread" if channel == "forum" and new_author and rng.random() < 0.5 else None,
        likes=int(rng.expovariate(1 / (6 * busy))), reposts=int(rng.expovariate(1 / (2 * busy))),
        replies=int(rng.expovariate(1 / (2 * busy))),
    )  # fmt: skip


def _channel(rng: random.Random, story: dict[str, Any], news_left: int) -> str:
    weights = {k: v for k, v in story["channels"].items() if k != "news" or news_left > 0}
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build_sample(now: datetime | None = None, *, seed: int = 7, posts: int | None = None,
                 tz: str = "Europe/London") -> Sample:  # fmt: skip
    """The sample for the week ``now`` falls in; ``posts`` scales the background strands so the
    whole comes to about that many (the emerging movement and the threat keep their size)."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    data = load_stories()
    period = Period.last_complete(now, tz)
    weeks = [period.shift(i - WEEKS + 1) for i in range(WEEKS)]
    current = period.shift(1)
    rng = random.Random(f"{seed}:{period}")
    writer = _Writer(data, rng)
    stories = data["story"]
    full = sum(sum(s["weekly"]) + s["current"] for s in stories)
    focus = sum(sum(s["weekly"]) + s["current"] for s in stories if s["id"] in FOCUS_STORIES)
    scale = 1.0 if posts is None else max(0.05, (posts - focus) / max(1, full - focus))
    sample = Sample(period=period, start=weeks[0].start, now=now)
    news_left = {s["id"]: len(s.get("news", [])) * (1 if s["id"] in FOCUS_STORIES else 2) for s in stories}
    spans: list[tuple[int, datetime, datetime, str]] = [
        (index, week.start, week.end, "weekly") for index, week in enumerate(weeks)
    ]
    if now - current.start > timedelta(hours=1):  # last, so the complete weeks do not depend on now
        spans.append((WEEKS, current.start, now - timedelta(minutes=5), "current"))
    for index, start, end, key in spans:
        for story in stories:
            factor = 1.0 if story["id"] in FOCUS_STORIES else scale
            wanted = (story["weekly"][index] if key == "weekly" else story["current"]) * factor
            count = round(wanted) if wanted >= 0.5 or factor == 1.0 else int(rng.random() < wanted)
            surge = story["id"] in FOCUS_STORIES and index >= WEEKS - 1
            for _ in range(count):
                channel = _channel(rng, story, news_left[story["id"]])
                news_left[story["id"]] -= channel == "news"
                when = _when(rng, start, end, skew_late=surge and index == WEEKS - 1)
                sample.posts.append(_post(writer, story, channel, when, new_author=surge))
    sample.posts.sort(key=lambda p: p.created_at)
    dates = random.Random(f"{seed}:{period}:petitions")
    for item in data.get("petition", []):
        created = weeks[0].start - timedelta(days=dates.randint(10, 60), hours=dates.randint(0, 23))
        weekly = tuple((w.end - timedelta(hours=1), count) for w, count in zip(weeks, item["weekly"], strict=True))
        sample.petitions.append(SamplePetition(
            id=int(item["id"]), action=item["action"], background=item["background"],
            additional_details=item["additional_details"], topics=tuple(item["topics"]),
            created_at=created, weekly=weekly, signature_count=int(item["now"]),
        ))  # fmt: skip
    return sample
