"""Sending the digest: a MIME message, delivered once per week to each recipient.

The message is ``multipart/alternative``: plain text, then ``multipart/related`` holding the HTML
and the charts as inline PNG parts that it references by ``cid:``. (The images travel with the
HTML they illustrate, so a text-only reader never sees them as stray attachments.)

Exactly once: each (week, recipient) is claimed in the store's deliveries table before the SMTP
transaction and marked sent straight after the server accepts it. A re-run after a crash skips
recipients already sent and sends to the rest; a second sender running at the same moment finds
the claim and leaves it alone. The only gap is a crash after the server said yes and before the
store was told; then, once the claim has gone stale, the message is sent again with the *same*
Message-ID, which mail clients show once.

With no ``[smtp]`` section the digest is written to the outbox folder as ``.eml`` and ``.html``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import smtplib
import socket
import ssl
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from ..analysis import analyse_if_needed, analyse_week
from ..config import Config, secret
from ..errors import ConfigError, DeliveryError
from ..periods import Period
from ..store import Store
from .digest import Digest, build_digest
from .render import RenderedHtml, render_html, render_text
from .safety import clean_text

__all__ = [
    "DeliveryReport",
    "DeliveryResult",
    "PartialDelivery",
    "build_message",
    "message_id",
    "prepare_digest",
    "send_digest",
]

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=30)
HOLDER = f"{socket.gethostname()[:100]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _holder_died(holder: str | None) -> bool:
    """A claim made by a process on this machine that no longer runs can be taken over at once;
    a claim from another machine (or a live process) waits for its lease to go stale."""
    try:
        host, pid, _token = (holder or "").rsplit(":", 2)
        pid_number = int(pid)
    except ValueError:
        return False
    if host != socket.gethostname()[:100] or pid_number == os.getpid():
        return False
    try:
        os.kill(pid_number, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@dataclass
class DeliveryResult:
    recipient: str
    status: str  # sent | already sent | in progress elsewhere | failed | written | would send
    detail: str = ""
    message_id: str | None = None


@dataclass
class DeliveryReport:
    period: str
    mode: str  # smtp | outbox | dry-run
    results: list[DeliveryResult] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    headline: str = ""

    @property
    def failed(self) -> list[DeliveryResult]:
        return [r for r in self.results if r.status == "failed"]

    def __str__(self) -> str:
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        parts = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no recipients"
        where = f" to {self.files[0].parent}" if self.files else ""
        return f"{self.mode}{where}: {parts}"


class PartialDelivery(DeliveryError):
    """Some recipients did not get the digest; ``report`` says who did and why the rest did not."""

    def __init__(self, report: DeliveryReport) -> None:
        self.report = report
        failed = "; ".join(f"{r.recipient}: {r.detail}" for r in report.failed)
        super().__init__(f"digest {report.period}: {failed}")


def message_id(period: str, recipient: str, sender: str) -> str:
    """The same for every attempt at one (week, recipient): a resend after a crash is one email."""
    domain = sender.rsplit("@", 1)[-1] or "groundswell.invalid"
    token = hashlib.sha256(f"{period}\n{recipient.lower()}".encode()).hexdigest()[:20]
    return f"<groundswell.{period}.{token}@{domain}>"


def build_message(
    digest: Digest, text: str, html: RenderedHtml, config: Config, recipient: str | None
) -> EmailMessage:
    """multipart/alternative [ text/plain, multipart/related [ text/html, image/png ... ] ]."""
    period = digest.period["id"]
    msg = EmailMessage()
    msg["Subject"] = f"{digest.period['organisation']}: what people said about care, week {period}"
    msg["From"] = formataddr(("Groundswell", config.digest.sender))
    msg["To"] = recipient or "undisclosed-recipients:;"
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = message_id(period, recipient or "", config.digest.sender)
    msg["X-Groundswell-Period"] = period
    msg.set_content(text, subtype="plain", cte="quoted-printable")
    msg.add_alternative(html.html, subtype="html", cte="quoted-printable")
    html_part = msg.get_body(preferencelist=("html",))  # the images belong with the HTML they illustrate
    for image in html.images:
        html_part.add_related(image.data, maintype="image", subtype="png", cid=f"<{image.cid}>",
                        filename=f"{image.cid.split('@')[0]}.png", disposition="inline")  # fmt: skip
    return msg


def prepare_digest(store: Store, config: Config, period: Period, *, reanalyse: bool = False) -> Digest:
    """Analyse the week if needed (or always, with ``reanalyse``), then build its digest.

    A failed analysis does not stop Monday's email: the digest goes out without movements and
    says why, in its limits and among the gaps under the summary.
    """
    failure = None
    try:
        if reanalyse:
            analyse_week(store, config, period)
        else:
            analyse_if_needed(store, config, period)
    except Exception as exc:  # noqa: BLE001 - any analysis bug; the store's own errors recur below
        log.exception("movement analysis for %s failed; the digest goes without it", period)
        failure = f"Movement analysis failed this week ({type(exc).__name__}: {exc}); no movements are shown."
    digest = build_digest(store, config, period)
    if failure:
        digest.coverage["limits"].insert(0, clean_text(failure, 300))
        digest.coverage["gaps"].append("movement analysis")
    return digest


def _prepare(store: Store, config: Config, period: Period) -> tuple[Digest, str, RenderedHtml]:
    digest = prepare_digest(store, config, period)
    return digest, render_text(digest), render_html(digest)


def _transient(exc: BaseException) -> bool:
    """Worth another try: a dropped connection, a timeout, a 4xx reply. Not: a 5xx reply, a
    certificate that does not verify, or a server that lacks what we need (e.g. AUTH)."""
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500 or exc.smtp_code < 0
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, (smtplib.SMTPException, ssl.SSLCertVerificationError)):
        return False
    return isinstance(exc, OSError)  # refused, reset, unreachable, timed out


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        return f"{exc.smtp_code} {detail}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{code} {msg.decode(errors='replace')}" for code, msg in exc.recipients.values())
    return f"{type(exc).__name__}: {exc}"


def _smtp_send(config: Config, msg: EmailMessage, recipient: str, credentials: tuple[str, str] | None) -> None:
    smtp = config.smtp
    assert smtp is not None
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if smtp.security == "ssl":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    with client:
        client.ehlo()
        if smtp.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if credentials:
            client.login(*credentials)
        client.send_message(msg, from_addr=config.digest.sender, to_addrs=[recipient])


def _credentials(config: Config) -> tuple[str, str] | None:
    smtp = config.smtp
    assert smtp is not None
    user = secret(config, smtp.username_env, "smtp.username_env")
    password = secret(config, smtp.password_env, "smtp.password_env")
    if user is None:
        return None
    if smtp.security == "none":
        raise ConfigError(f"{config.path}: smtp.security is \"none\" but credentials are set; "
                          "they would cross the network in clear. Use starttls or ssl.")  # fmt: skip
    return user, password or ""


def _deliver(store: Store, config: Config, period: str, recipient: str, msg: EmailMessage,
             credentials: tuple[str, str] | None, retry_delay: float) -> DeliveryResult:  # fmt: skip
    mid, key = str(msg["Message-ID"]), recipient.lower()  # one mailbox however it is capitalised
    row = store.delivery(period, key)
    dead = [row["holder"]] if row and row["status"] == "sending" and _holder_died(row.get("holder")) else []
    if not store.claim_delivery(period, key, holder=HOLDER, stale_after=LEASE, dead_holders=dead):
        row = store.delivery(period, key) or {}
        if row.get("status") == "sent":
            return DeliveryResult(recipient, "already sent", f"sent {row.get('updated_at')}", row.get("message_id"))
        return DeliveryResult(recipient, "in progress elsewhere", "another sender holds this delivery")
    assert config.smtp is not None
    attempts = config.smtp.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            _smtp_send(config, msg, recipient, credentials)
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            error = _describe(exc)
            if _transient(exc) and attempt < attempts:
                log.warning("digest to %s: attempt %d failed (%s); retrying", recipient, attempt, error)
                time.sleep(retry_delay * 2 ** (attempt - 1))
                continue
            kind = "transient, retries used up" if _transient(exc) else "permanent"
            store.finish_delivery(period, key, message_id=mid, error=f"{kind}: {error}")
            return DeliveryResult(recipient, "failed", f"{kind}: {error} (after {attempt} attempt(s))", mid)
        store.finish_delivery(period, key, message_id=mid)
        return DeliveryResult(recipient, "sent", f"after {attempt} attempt(s)", mid)
    raise AssertionError("unreachable")


def _recipients(config: Config) -> list[str]:
    """The configured recipients, each mailbox once (addresses are compared without case)."""
    seen: dict[str, str] = {}
    for address in config.digest.recipients:
        seen.setdefault(address.strip().lower(), address.strip())
    return list(seen.values())


def _safe_name(recipient: str) -> str:
    return re.sub(r"[^A-Za-z0-9@._-]", "_", recipient)[:120]


def _write_outbox(config: Config, digest: Digest, text: str, html: RenderedHtml) -> DeliveryReport:
    period = digest.period["id"]
    folder = config.outbox_dir
    folder.mkdir(parents=True, exist_ok=True)
    report = DeliveryReport(period, "outbox", headline=digest.summary[0])
    preview = folder / f"digest-{period}.html"
    preview.write_text(render_html(digest, embed=True).html, encoding="utf-8")
    report.files.append(preview)
    recipients: list[str | None] = list(_recipients(config)) or [None]
    for recipient in recipients:
        msg = build_message(digest, text, html, config, recipient)
        path = folder / (f"digest-{period}-{_safe_name(recipient)}.eml" if recipient else f"digest-{period}.eml")
        path.write_bytes(bytes(msg))
        report.files.append(path)
        report.results.append(DeliveryResult(recipient or "(no recipients configured)", "written", str(path),
                                             str(msg["Message-ID"])))  # fmt: skip
    return report


def send_digest(config: Config, store: Store, period: Period, *, dry_run: bool = False,
                retry_delay: float = 2.0) -> DeliveryReport:  # fmt: skip
    """Build the week's digest and deliver it: by SMTP when configured, else to the outbox.

    Raises DeliveryError after trying every recipient if any delivery failed, so the scheduler
    and the CLI report it; the report of who did get it is on the exception.
    """
    if dry_run:
        return _dry_run(config, store, period)
    digest, text, html = _prepare(store, config, period)
    if config.smtp is None:
        try:
            return _write_outbox(config, digest, text, html)
        except OSError as exc:
            raise DeliveryError(f"cannot write the digest to the outbox {config.outbox_dir}: {exc}") from exc
    if not config.digest.recipients:
        raise ConfigError(f"{config.path}: digest.recipients is empty; nobody to send the digest to")
    credentials = _credentials(config)
    report = DeliveryReport(str(period), "smtp", headline=digest.summary[0])
    for recipient in _recipients(config):
        msg = build_message(digest, text, html, config, recipient)
        report.results.append(_deliver(store, config, str(period), recipient, msg, credentials, retry_delay))
    if report.failed:
        raise PartialDelivery(report)
    return report


def _dry_run(config: Config, store: Store, period: Period) -> DeliveryReport:
    """What a send would do, without analysing, claiming, connecting or writing anything."""
    digest = build_digest(store, config, period)
    if not store.load_weekly("aggregates", str(period)).get("meta"):
        digest.summary[0] += " (The week has not been analysed yet; a real send analyses it first.)"
    if config.smtp is None:
        report = DeliveryReport(str(period), "dry-run", headline=digest.summary[0])
        for recipient in _recipients(config):
            path = config.outbox_dir / f"digest-{period}-{_safe_name(recipient)}.eml"
            report.results.append(DeliveryResult(recipient, "would write", str(path)))
        return report
    smtp = config.smtp
    _credentials(config)  # an unset secret fails the dry run as it would fail the send
    report = DeliveryReport(str(period), "dry-run", headline=digest.summary[0])
    for recipient in _recipients(config):
        row = store.delivery(str(period), recipient.lower())
        if row and row["status"] == "sent":
            report.results.append(DeliveryResult(recipient, "already sent", f"sent {row['updated_at']}"))
        else:
            where = f"{smtp.host}:{smtp.port} ({smtp.security})"
            report.results.append(DeliveryResult(recipient, "would send", f"via {where}"))
    return report
