"""SMTP over STARTTLS and implicit TLS, with a login from the environment, against aiosmtpd.

A throwaway certificate for 127.0.0.1 is made with the openssl command and trusted through
SSL_CERT_FILE, so the client verifies it exactly as it would a real server's.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Inbox, _free_port
from test_digest import seeded_sqlite, this_week
from test_mail import RECIPIENTS, check_parts, write_config

from groundswell.config import load_config
from groundswell.errors import ConfigError, DeliveryError
from groundswell.reports import send_digest
from groundswell.store import Store

# aiosmtpd warns when AUTH is offered without STARTTLS; on the implicit-TLS server it is TLS.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def _authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    from aiosmtpd.smtp import AuthResult

    ok = getattr(auth_data, "login", None) == b"digest-bot" and auth_data.password == b"s3cret pass"
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd replies 535 itself


@pytest.fixture(params=["starttls", "ssl"])
def tls_server(request: pytest.FixtureRequest, certificate: tuple[Path, Path],
               monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, Inbox, str]]:  # fmt: skip
    from aiosmtpd.controller import Controller

    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this one certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = _free_port()
    options = {"authenticator": _authenticator, "auth_required": True}
    if request.param == "starttls":
        controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context,
                                require_starttls=True, **options)  # fmt: skip
    else:
        # aiosmtpd only counts STARTTLS as TLS when deciding to offer AUTH; this socket is TLS from
        # its first byte, so the check is lifted here (the client still verifies the certificate).
        controller = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=context,
                                auth_require_tls=False, **options)  # fmt: skip
    controller.start()
    yield "127.0.0.1", port, inbox, request.param
    controller.stop()


def _config(tmp_path: Path, url: str, host: str, port: int, security: str) -> Path:
    path = write_config(tmp_path, url, (host, port))
    text = path.read_text(encoding="utf-8").replace('security = "none"', f'security = "{security}"\ntimeout = 10\n'
                                                    'username_env = "GS_SMTP_USER"\npassword_env = "GS_SMTP_PASSWORD"')
    path.write_text(text, encoding="utf-8")
    return path


def test_delivery_over_tls_with_login(tls_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    host, port, inbox, security = tls_server
    monkeypatch.setenv("GS_SMTP_USER", "digest-bot")
    monkeypatch.setenv("GS_SMTP_PASSWORD", "s3cret pass")
    url = seeded_sqlite(tmp_path)
    store = Store.open(url)
    report = send_digest(load_config(_config(tmp_path, url, host, port, security)), store, this_week(), retry_delay=0)
    assert [r.status for r in report.results] == ["sent"] * len(RECIPIENTS)
    assert sorted(r for _, rcpts, _ in inbox.messages for r in rcpts) == sorted(RECIPIENTS)
    check_parts(inbox.messages[0][2])
    store.close()


def test_a_wrong_password_is_reported_not_retried(tls_server, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    host, port, inbox, security = tls_server
    monkeypatch.setenv("GS_SMTP_USER", "digest-bot")
    monkeypatch.setenv("GS_SMTP_PASSWORD", "wrong")
    url = seeded_sqlite(tmp_path)
    store = Store.open(url)
    with pytest.raises(DeliveryError, match="permanent: 535") as caught:
        send_digest(load_config(_config(tmp_path, url, host, port, security)), store, this_week(), retry_delay=0)
    assert all(r.detail.endswith("(after 1 attempt(s))") for r in caught.value.report.results)
    assert inbox.messages == []
    store.close()


def test_missing_credentials_are_a_config_error_before_anything_is_claimed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GS_SMTP_PASSWORD", raising=False)
    monkeypatch.setenv("GS_SMTP_USER", "digest-bot")
    url = seeded_sqlite(tmp_path)
    store = Store.open(url)
    with pytest.raises(ConfigError, match="smtp.password_env names environment variable GS_SMTP_PASSWORD"):
        send_digest(load_config(_config(tmp_path, url, "127.0.0.1", 2525, "starttls")), store, this_week())
    assert store.delivery(str(this_week()), RECIPIENTS[0]) is None
    store.close()
