"""One exception tree for Groundswell; library errors are translated at the boundary.

GroundswellError
├── ConfigError              bad or missing configuration (CLI exits with status 2)
├── StoreError               the database could not be opened or migrated
├── CollectorError           one source failed; recorded against its run, never fatal
│   ├── SourceUnavailable    network failure or 5xx after bounded retries
│   │   ├── RateLimited      429 or quota exhausted beyond the time we are willing to wait
│   │   ├── TimedOut         no answer within the timeout, after bounded retries
│   │   └── RedirectLoop     too many redirects
│   ├── AuthError            credentials missing, expired or revoked
│   └── ParseError           malformed body
│       ├── BodyTooLarge     body over ``http.max_body_bytes``
│       ├── WrongContentType not the content type asked for
│       └── ErrorPage        an HTML error page served with status 200
├── ImportDataError          bad lines in an import file (carries the line numbers)
├── ModelError               models could not be trained, saved or loaded
├── LabelError               a labelled record is malformed (also a ValueError)
└── DeliveryError            the digest could not be delivered
"""

from __future__ import annotations


class GroundswellError(Exception):
    """Base class: the scheduler and CLI catch this one."""


class ConfigError(GroundswellError):
    """Configuration is invalid. The message names the file, the key and what is wrong."""


class StoreError(GroundswellError):
    """The store could not be opened or migrated."""


class CollectorError(GroundswellError):
    """A source failed. ``kind`` is the short name recorded against the collection run."""

    kind = "error"


class SourceUnavailable(CollectorError):
    kind = "unavailable"


class RateLimited(SourceUnavailable):
    kind = "rate_limited"


class TimedOut(SourceUnavailable):
    kind = "timeout"


class RedirectLoop(SourceUnavailable):
    kind = "redirect_loop"


class AuthError(CollectorError):
    kind = "auth"


class ParseError(CollectorError):
    kind = "parse"


class BodyTooLarge(ParseError):
    kind = "too_large"


class WrongContentType(ParseError):
    kind = "content_type"


class ErrorPage(ParseError):
    kind = "error_page"


class ImportDataError(GroundswellError):
    """Some lines of an import file were bad; ``problems`` lists (line number, reason)."""

    def __init__(self, problems: list[tuple[int, str]], imported: int) -> None:
        self.problems = problems
        self.imported = imported
        super().__init__(f"{len(problems)} bad line(s); {imported} imported")


class ModelError(GroundswellError):
    """Models could not be trained, saved or loaded."""


class LabelError(GroundswellError, ValueError):
    """A labelled record is malformed; the message names the record and the field."""


class DeliveryError(GroundswellError):
    """The digest could not be delivered to a recipient."""
