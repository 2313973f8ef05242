"""ISO weeks (``2026-W47``): Monday 00:00 to the next Monday, in the configured time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = ["Period", "parse_period"]

_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


class Period:
    def __init__(self, year: int, week: int, tz: str = "Europe/London") -> None:
        try:
            self.monday = date.fromisocalendar(year, week, 1)
        except ValueError as exc:
            raise ValueError(f"{year}-W{week:02d} is not an ISO week") from exc
        self.year, self.week, self.tz = year, week, tz

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Period) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    @property
    def start(self) -> datetime:
        """Monday 00:00 local time, in UTC."""
        local = datetime.combine(self.monday, datetime.min.time(), ZoneInfo(self.tz))
        return local.astimezone(UTC)

    @property
    def end(self) -> datetime:
        return self.shift(1).start

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    def shift(self, weeks: int) -> Period:
        year, week, _ = (self.monday + timedelta(weeks=weeks)).isocalendar()
        return Period(year, week, self.tz)

    @classmethod
    def containing(cls, when: datetime, tz: str = "Europe/London") -> Period:
        year, week, _ = when.astimezone(ZoneInfo(tz)).isocalendar()
        return cls(year, week, tz)

    @classmethod
    def last_complete(cls, now: datetime | None = None, tz: str = "Europe/London") -> Period:
        """The most recent week that has ended: what Monday's digest covers."""
        return cls.containing(now or datetime.now(UTC), tz).shift(-1)


def parse_period(text: str, tz: str = "Europe/London") -> Period:
    match = _PATTERN.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week such as 2026-W47")
    return Period(int(match[1]), int(match[2]), tz)
