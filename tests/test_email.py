"""Emailing the pack through a real SMTP server on 127.0.0.1 (aiosmtpd), and as .eml files for a dry run.

The server records every message it accepts, with the envelope, whether the session was encrypted and
logged in; it can be told to refuse an address with a 550, as a mistyped mailbox is refused. The STARTTLS
test makes a self-signed certificate with the openssl command and trusts it through SSL_CERT_FILE, as a
council with its own certificate authority would.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import shutil
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from boardpack.exceptions import EmailError
from boardpack.mailing import (
    PASSWORD_VARIABLE,
    USER_VARIABLE,
    email_pack,
    parse_server,
    read_recipients,
    state_path,
    summarise,
)
from boardpack.packing import assemble_pack
from factories import corporate_parenting_scorecard
from trackers import write_tracker

ROOT = Path(__file__).resolve().parent.parent
SENDER = "Democratic Services <democratic.services@example.org>"
COUNCILLORS = [
    ("Councillor G. Watson", "g.watson@example.org"),
    ("Councillor V. Cusworth", "v.cusworth@example.org"),
    ("Councillor M. S. Elliott", "m.elliott@example.org"),
]
LOGIN, PASSWORD = "clerk@example.org", "correct horse battery staple"

AGENDA = """
committee = "Corporate Parenting Panel"
date = 2019-07-02
time = "3.30 p.m."
venue = "Town Hall, Moorgate Street, Rotherham"

[[items]]
title = "Minutes of the previous meeting"
papers = ["minutes.pdf"]

[[items]]
title = "Corporate Parenting Performance Report"
papers = [{ layout = "layout.toml" }]
"""
LAYOUT = """
name = "lac-2019-04"
title = "Corporate Parenting Performance Report"
sources = ["lac.xlsx"]
"""


def _minutes(path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), invariant=1)
    canvas.drawString(72, 720, "Minutes of the meeting held on 9th April 2019")
    canvas.showPage()
    canvas.save()


@pytest.fixture(scope="module")
def pack_source(tmp_path_factory) -> Path:
    """A pack with minutes and a report built from the test tracker: 6.10 red, 6.8 and 8.2 amber, 6.1 info."""
    folder = tmp_path_factory.mktemp("agenda")
    _minutes(folder / "minutes.pdf")
    write_tracker(folder / "lac.xlsx")
    (folder / "layout.toml").write_text(LAYOUT, encoding="utf-8")
    (folder / "agenda.toml").write_text(AGENDA, encoding="utf-8")
    return assemble_pack(folder / "agenda.toml", folder / "out").path


@pytest.fixture
def pack(pack_source, tmp_path) -> Path:
    """A private copy, so each test has its own record of who has had it."""
    return Path(shutil.copy(pack_source, tmp_path / pack_source.name))


def write_recipients(path: Path, rows=COUNCILLORS, header="name,email") -> Path:
    lines = [header] + [f'"{name}",{address}' for name, address in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def recipients(tmp_path) -> Path:
    return write_recipients(tmp_path / "councillors.csv")


@pytest.fixture(autouse=True)
def no_login(monkeypatch):
    """Tests never pick up a real login from the environment running them."""
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)


# --- the server -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: email.message.EmailMessage
    encrypted: bool
    authenticated: bool


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts and refuses the addresses in ``refuse``."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.refuse: set[str] = set()
        self.hang_up_after: int | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hang_up_after is not None and len(self.received) >= self.hang_up_after:
            server.transport.close()
            return "421 4.3.2 Service shutting down"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), message,
                                      session.ssl is not None, bool(session.authenticated)))
        return "250 Message accepted for delivery"


def _authenticator(server, session, envelope, mechanism, auth_data):
    correct = auth_data.login == LOGIN.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=correct, handled=False)  # not handled: the server sends the 235 or 535 itself


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(**options):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port(), **options)
    controller.start()
    try:
        yield f"127.0.0.1:{controller.port}", mailbox
    finally:
        controller.stop()


@pytest.fixture
def server():
    with smtp_server() as running:
        yield running


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A self-signed certificate for 127.0.0.1 that the client is told to trust."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", key, "-out", cert,
         "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return context


def body_text(message: email.message.EmailMessage) -> str:
    """The plain-text part with line ends as Python writes them (SMTP carries CRLF)."""
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def attachment(message: email.message.EmailMessage) -> tuple[str, bytes]:
    (part,) = list(message.iter_attachments())
    return part.get_filename(), part.get_content()


# --- messages as they arrive ----------------------------------------------------------------------------


def test_each_councillor_gets_one_message_naming_only_them(pack, recipients, server):
    address, mailbox = server
    delivery = email_pack(pack, recipients, server=address, sender=SENDER)
    assert [r.email for r in delivery.sent] == [a for _, a in COUNCILLORS]
    assert len(mailbox.received) == len(COUNCILLORS)
    for (name, expected), received in zip(COUNCILLORS, mailbox.received, strict=True):
        message = received.message
        assert received.rcpt_tos == (expected,)
        assert received.mail_from == "democratic.services@example.org"
        assert message["To"] == f'"{name}" <{expected}>'
        assert message["Cc"] is None and message["Bcc"] is None
        others = [a for _, a in COUNCILLORS if a != expected]
        assert not any(other in message.as_string() for other in others)
        assert message["Subject"] == "Agenda pack: Corporate Parenting Panel, Tuesday, 2nd July, 2019"
        assert attachment(message) == (pack.name, pack.read_bytes())
        assert body_text(message).startswith(f"Dear {name},\n")


def test_summary_gives_the_rag_counts_and_biggest_movers(pack, recipients, server):
    address, mailbox = server
    email_pack(pack, recipients, server=address, sender=SENDER)
    text = body_text(mailbox.received[0].message)
    assert "meeting on Tuesday, 2nd July, 2019 at 3.30 p.m., Town Hall, Moorgate Street, Rotherham" in text
    assert "It has 6 pages." in text
    # The stamped pages: the front sheet is not numbered, so the minutes are Page 1.
    assert "Corporate Parenting Performance Report, April 2019 (pages 2 - 5 of the pack):" in text
    assert "- Of 4 indicators, 1 red, 2 amber and 0 green; 1 has no rating" in text
    # Rated indicators by percentage points moved: 6.10 fell 8.5, 6.8 rose 2.2, 8.2 fell 0.7 (Low: better).
    assert (
        "  - 6.10 Health assessments: 84.8% to 76.3% (worse)\n"
        "  - 6.8 Reviews in time: 91.2% to 93.4% (improved)\n"
        "  - 8.2 3+ placements: 13.2% to 12.5% (improved)\n"
    ) in text


def test_summary_of_the_factory_scorecard_counts_every_rating():
    scorecard = corporate_parenting_scorecard()
    summary = summarise(scorecard, "Report")
    ratings = [i.assessment.rag.value for i in scorecard.indicators if i.assessment and i.assessment.rag]
    assert (summary.red, summary.amber, summary.green) == tuple(ratings.count(c) for c in ("red", "amber", "green"))
    assert summary.indicators == len(scorecard.indicators)
    assert summary.unrated == len(scorecard.indicators) - len(ratings)
    assert len(summary.movers) <= 3
    assert all(mover.previous != mover.current for mover in summary.movers)


def test_starttls_and_login_when_the_server_asks(pack, recipients, certificate, monkeypatch):
    monkeypatch.setenv(USER_VARIABLE, LOGIN)
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    with smtp_server(tls_context=certificate, require_starttls=True, authenticator=_authenticator,
                     auth_required=True) as (address, mailbox):
        email_pack(pack, recipients, server=address)
    assert len(mailbox.received) == len(COUNCILLORS)
    assert all(r.encrypted and r.authenticated for r in mailbox.received)
    # With no --from, the login (an address) is the sender.
    assert mailbox.received[0].message["From"] == LOGIN


def test_wrong_password_is_refused_before_anything_is_sent(pack, recipients, certificate, monkeypatch):
    monkeypatch.setenv(USER_VARIABLE, LOGIN)
    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
    with (
        smtp_server(tls_context=certificate, require_starttls=True, authenticator=_authenticator,
                    auth_required=True) as (address, mailbox),
        pytest.raises(EmailError, match=f"refused the login for {LOGIN}.*nothing was sent"),
    ):
        email_pack(pack, recipients, server=address)
    assert mailbox.received == []
    assert not state_path(pack).exists()


def test_untrusted_certificate_is_a_clear_error(pack, recipients, certificate, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(Path(os.devnull)))
    with (
        smtp_server(tls_context=certificate, require_starttls=True) as (address, mailbox),
        pytest.raises(EmailError, match=r"certificate could not be verified.*SSL_CERT_FILE"),
    ):
        email_pack(pack, recipients, server=address, sender=SENDER)
    assert mailbox.received == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_without_tls_only_to_this_machine(pack, recipients, monkeypatch):
    """Loopback cannot be overheard, so a local relay may take a login without TLS; the test server is one."""
    monkeypatch.setenv(USER_VARIABLE, LOGIN)
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    with smtp_server(authenticator=_authenticator, auth_required=True, auth_require_tls=False) as (address, mailbox):
        email_pack(pack, recipients, server=address)
    assert [r.authenticated and not r.encrypted for r in mailbox.received] == [True] * len(COUNCILLORS)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_server_wanting_a_login_names_the_variables(pack, recipients):
    with (
        smtp_server(authenticator=_authenticator, auth_required=True, auth_require_tls=False) as (address, mailbox),
        pytest.raises(EmailError, match=f"needs a login: set {USER_VARIABLE} and {PASSWORD_VARIABLE}"),
    ):
        email_pack(pack, recipients, server=address, sender=SENDER)
    assert mailbox.received == []


def test_unreachable_server_sends_nothing(pack, recipients):
    with pytest.raises(EmailError, match=r"cannot connect to the mail server 127\.0\.0\.1:\d+ .*nothing was sent"):
        email_pack(pack, recipients, server=f"127.0.0.1:{_free_port()}", sender=SENDER)
    assert not state_path(pack).exists()


# --- part-way failures and re-runs ----------------------------------------------------------------------


def test_refused_address_is_reported_and_a_rerun_sends_only_to_the_rest(pack, recipients, server):
    address, mailbox = server
    mailbox.refuse = {"v.cusworth@example.org"}
    with pytest.raises(EmailError) as caught:
        email_pack(pack, recipients, server=address, sender=SENDER)
    message = str(caught.value)
    assert "sent to 2 of 3" in message
    assert "Councillor G. Watson <g.watson@example.org>, Councillor M. S. Elliott <m.elliott@example.org>" in message
    assert "not sent to Councillor V. Cusworth <v.cusworth@example.org> (550 5.1.1 No such mailbox here)" in message
    assert "run the same command again" in message
    assert [r.rcpt_tos for r in mailbox.received] == [("g.watson@example.org",), ("m.elliott@example.org",)]
    state = json.loads(state_path(pack).read_text(encoding="utf-8"))
    assert state["sent"] == ["g.watson@example.org", "m.elliott@example.org"]

    mailbox.refuse = set()
    lines: list[str] = []
    delivery = email_pack(pack, recipients, server=address, sender=SENDER, progress=lines.append)
    assert [r.email for r in delivery.sent] == ["v.cusworth@example.org"]
    assert [r.email for r in delivery.skipped] == ["g.watson@example.org", "m.elliott@example.org"]
    assert [r.rcpt_tos for r in mailbox.received[2:]] == [("v.cusworth@example.org",)]
    assert lines == [
        "already sent to Councillor G. Watson <g.watson@example.org>",
        "already sent to Councillor M. S. Elliott <m.elliott@example.org>",
        "sent to Councillor V. Cusworth <v.cusworth@example.org>",
    ]

    again = email_pack(pack, recipients, server=address, sender=SENDER)
    assert again.sent == () and len(again.skipped) == 3 and len(mailbox.received) == 3


def test_a_dropped_connection_names_who_had_it_and_a_rerun_sends_the_rest(pack, recipients, server):
    address, mailbox = server
    mailbox.hang_up_after = 1
    with pytest.raises(EmailError) as caught:
        email_pack(pack, recipients, server=address, sender=SENDER)
    message = str(caught.value)
    assert message.startswith("the connection failed (")
    assert "sent to 1 of 3 (this run: Councillor G. Watson <g.watson@example.org>)" in message
    assert ("not sent to Councillor V. Cusworth <v.cusworth@example.org>; "
            "Councillor M. S. Elliott <m.elliott@example.org>.") in message
    mailbox.hang_up_after = None
    delivery = email_pack(pack, recipients, server=address, sender=SENDER)
    assert [r.email for r in delivery.sent] == ["v.cusworth@example.org", "m.elliott@example.org"]
    assert [r.rcpt_tos[0] for r in mailbox.received] == [a for _, a in COUNCILLORS]


def test_a_changed_pack_goes_to_everyone_again(pack, recipients, server):
    address, mailbox = server
    email_pack(pack, recipients, server=address, sender=SENDER)
    pack.write_bytes(pack.read_bytes() + b"\n% corrected\n")
    delivery = email_pack(pack, recipients, server=address, sender=SENDER)
    assert len(delivery.sent) == 3 and len(mailbox.received) == 6


# --- dry runs, limits and the recipients file -----------------------------------------------------------


def test_dry_run_writes_one_eml_per_councillor_and_sends_nothing(pack, recipients, tmp_path):
    delivery = email_pack(pack, recipients, dry_run=tmp_path / "outbox", sender=SENDER)
    files = sorted((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == [
        "01-g.watson@example.org.eml", "02-v.cusworth@example.org.eml", "03-m.elliott@example.org.eml"]
    assert list(delivery.drafts) == files
    for (name, address), path in zip(COUNCILLORS, files, strict=True):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert message["To"] == f'"{name}" <{address}>' and message["From"] == SENDER
        assert attachment(message) == (pack.name, pack.read_bytes())
        assert "Of 4 indicators, 1 red, 2 amber and 0 green" in body_text(message)
    assert not state_path(pack).exists()


def test_over_the_size_limit_nothing_is_attached_or_sent(pack, recipients, server, tmp_path):
    address, mailbox = server
    limit = len(pack.read_bytes()) / (1024 * 1024)  # the PDF fits, the encoded email does not
    with pytest.raises(EmailError, match=rf"once attached to an email, which is over the {limit:g} MB limit"):
        email_pack(pack, recipients, server=address, sender=SENDER, limit_mb=limit)
    with pytest.raises(EmailError, match="--max-size"):
        email_pack(pack, recipients, dry_run=tmp_path / "outbox", sender=SENDER, limit_mb=limit)
    assert mailbox.received == [] and not (tmp_path / "outbox").exists()
    email_pack(pack, recipients, server=address, sender=SENDER, limit_mb=limit * 2)
    assert len(mailbox.received) == 3


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("name,address\nA,a@example.org\n",
         "needs an 'email' column; the headings found were 'name', 'address'. Head the column of addresses 'email'"),
        ("Councillor;Email\nA;a@example.org\n", "needs a 'name' column; the headings found were 'Councillor', 'Email'"),
        ("Name,Email (work),Email (home)\nA,a@example.org,b@example.org\n",
         r"has 2 email columns \('Email \(work\)', 'Email \(home\)'\); keep one"),
        ("name,email\nA,a@example.org\nB,not-an-address\n", "row 3: 'not-an-address' is not an email address"),
        ("name,email\nA,a@example.org\nB,A@Example.org\n", "row 3: A@Example.org is already on row 2"),
        ("name,email\n,a@example.org\n", "row 2: needs a name"),
        ("name,email\n\n", "lists nobody"),
    ],
)
def test_bad_recipients_are_clear_errors(tmp_path, content, fragment):
    path = tmp_path / "people.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EmailError, match=fragment):
        read_recipients(path)


def test_recipients_from_excel_with_extra_columns_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("\ufeffName,Role,E-mail\nCouncillor Jarvis,Vice-Chair,p.jarvis@example.org\n,,\n".encode())
    assert [(r.name, r.email) for r in read_recipients(path)] == [("Councillor Jarvis", "p.jarvis@example.org")]
    path.write_bytes("name,email\nCouncillor Bront\xeb,c.bronte@example.org\n".encode("cp1252"))
    assert read_recipients(path)[0].name == "Councillor Brontë"


@pytest.mark.parametrize(
    ("text", "expected"),
    [(None, ("localhost", 25)), ("smtp.example.org", ("smtp.example.org", 587)),
     ("smtp.example.org:2525", ("smtp.example.org", 2525)), ("[::1]:25", ("::1", 25))],
)
def test_server_addresses(text, expected):
    assert parse_server(text) == expected


def test_a_sender_is_needed_to_send_and_a_dry_run_says_it_has_none(pack, recipients, tmp_path):
    with pytest.raises(EmailError, match="--from"):
        email_pack(pack, recipients, server=f"127.0.0.1:{_free_port()}")
    with pytest.raises(EmailError, match="is not an email address"):
        email_pack(pack, recipients, dry_run=tmp_path / "outbox", sender="the clerk")
    delivery = email_pack(pack, recipients, dry_run=tmp_path / "outbox")
    assert delivery.placeholder_sender and len(delivery.drafts) == 3
    message = email.message_from_bytes(delivery.drafts[0].read_bytes(), policy=email.policy.default)
    assert message["From"].addresses[0].addr_spec == "sender-not-set@example.invalid"
    assert message["From"].addresses[0].display_name == "Sender not set (give --from)"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Name,Email Address\nCouncillor Jarvis,p.jarvis@example.org\n", "Councillor Jarvis"),
        ("Full name,Role,E-mail\nCouncillor Jarvis,Chair,p.jarvis@example.org\n", "Councillor Jarvis"),
        ("FULL NAME,Email address (work)\nCouncillor Jarvis,p.jarvis@example.org\n", "Councillor Jarvis"),
        ("Full name;Role;Email address\nCouncillor Jarvis;Chair, Panel;p.jarvis@example.org\n", "Councillor Jarvis"),
        ('"Name";"E-mail"\n"Jarvis, Councillor P.";p.jarvis@example.org\n', "Jarvis, Councillor P."),
        ("Name\tEmail\nCouncillor Jarvis\tp.jarvis@example.org\n", "Councillor Jarvis"),
        ("Name,Email,Email (home)\nCouncillor Jarvis,p.jarvis@example.org,home@example.org\n", "Councillor Jarvis"),
    ],
)
def test_recipients_as_councils_keep_them(tmp_path, content, expected):
    """Headings as councils write them, and semicolons as Excel saves CSV where the decimal point is a comma."""
    path = tmp_path / "people.csv"
    path.write_text(content, encoding="utf-8")
    assert [(r.name, r.email) for r in read_recipients(path)] == [(expected, "p.jarvis@example.org")]


def test_a_pdf_made_elsewhere_is_sent_with_a_plain_message(tmp_path, recipients):
    plain = tmp_path / "papers.pdf"
    _minutes(plain)
    email_pack(plain, recipients, dry_run=tmp_path / "outbox", sender=SENDER)
    message = email.message_from_bytes(next((tmp_path / "outbox").iterdir()).read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Agenda pack: papers"
    assert "Please find attached papers.pdf." in body_text(message)


# --- the command ----------------------------------------------------------------------------------------


def run(*args, env_extra=None, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if k not in ("BOARDPACK_DEBUG", USER_VARIABLE, PASSWORD_VARIABLE)}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "boardpack.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_email_command_dry_run_and_send(pack, recipients, server, tmp_path):
    address, mailbox = server
    dry = run("email", pack, "--to", recipients, "--dry-run", tmp_path / "outbox", "--from", SENDER)
    assert dry.returncode == 0, dry.stderr
    assert f"wrote 3 messages to {tmp_path / 'outbox'}" in dry.stdout
    sent = run("email", pack, "--to", recipients, "--smtp", address, "--from", SENDER)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.splitlines()[-1] == "sent to 3 recipients" and len(mailbox.received) == 3


def test_email_command_failure_is_one_line_with_exit_1(pack, recipients, server):
    address, mailbox = server
    mailbox.refuse = {"m.elliott@example.org"}
    result = run("email", pack, "--to", recipients, "--smtp", address, "--from", SENDER)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: the server refused some addresses: sent to 2 of 3")
    assert "sent to Councillor G. Watson <g.watson@example.org>" in result.stdout
    assert "not sent to Councillor M. S. Elliott <m.elliott@example.org>: 550" in result.stdout


def test_the_password_is_never_a_command_line_option():
    result = run("email", "--help")
    assert result.returncode == 0 and "--password" not in result.stdout and "--user" not in result.stdout
    assert USER_VARIABLE in result.stdout and PASSWORD_VARIABLE in result.stdout


# --- first use: the README's example, unused logins, re-runs and damaged files ---------------------------


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_dry_run_example_runs_as_written(pack, tmp_path):
    """The README's recipients file and dry-run command, word for word, in a folder laid out as make demo."""
    import re
    import shlex

    section = _readme().split("### `boardpack email`")[1].split("\n## ")[0]
    recipients = re.search(r"`councillors\.csv`:\n\n```csv\n(.*?)```", section, re.S).group(1)
    (command,) = [line for line in section.splitlines()
                  if line.startswith("boardpack email out/") and "--dry-run" in line]
    words = shlex.split(command)
    folder = tmp_path / "clerk"
    (folder / "out").mkdir(parents=True)
    shutil.copy(pack, folder / words[2])  # out/corporate-parenting-panel-2019-07-02.pdf, as make demo writes it
    (folder / "councillors.csv").write_text(recipients, encoding="utf-8")

    result = run(*words[1:], cwd=folder)
    assert result.returncode == 0, result.stderr
    drafts = sorted((folder / "outbox").iterdir())
    assert len(drafts) == len(recipients.strip().splitlines()) - 1
    assert f"wrote {len(drafts)} messages to outbox" in result.stdout
    assert "placeholder sender; give --from" in result.stdout
    message = email.message_from_bytes(drafts[0].read_bytes(), policy=email.policy.default)
    assert message["To"] == '"Councillor G. Watson" <g.watson@council.gov.uk>'


def test_the_sent_record_is_where_the_readme_says(pack, recipients, server):
    import re

    named = re.search(r"kept beside it in `PACK\.sent\.json`: for\s+`([^`]+)`, `([^`]+)`", _readme())
    assert named, "the README names the sent record with an example"
    assert state_path(Path(named.group(1))) == Path(named.group(2))
    address, _ = server
    email_pack(pack, recipients, server=address, sender=SENDER)
    assert [p.name for p in pack.parent.glob("*.sent.json")] == [f"{pack.stem}.sent.json"]


def test_a_login_the_server_cannot_use_stops_the_send_unless_no_auth(pack, recipients, server, monkeypatch):
    """The test server offers no AUTH: a login set in the environment would quietly go unused."""
    address, mailbox = server
    monkeypatch.setenv(USER_VARIABLE, LOGIN)
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    with pytest.raises(EmailError, match=rf"offers no login \(no AUTH\), so {USER_VARIABLE} and {PASSWORD_VARIABLE} "
                                         r"would not be used; nothing was sent.*--no-auth"):
        email_pack(pack, recipients, server=address)
    assert mailbox.received == [] and not state_path(pack).exists()
    delivery = email_pack(pack, recipients, server=address, no_auth=True)
    assert len(delivery.sent) == 3
    assert [r.authenticated for r in mailbox.received] == [False] * 3


def test_a_password_without_a_user_is_not_ignored(pack, recipients, server, monkeypatch):
    address, mailbox = server
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    with pytest.raises(EmailError, match=f"{PASSWORD_VARIABLE} is set but {USER_VARIABLE} is not"):
        email_pack(pack, recipients, server=address, sender=SENDER)
    assert mailbox.received == []


def test_the_command_names_the_unused_login_and_sends_with_no_auth(pack, recipients, server):
    address, mailbox = server
    login = {USER_VARIABLE: LOGIN, PASSWORD_VARIABLE: PASSWORD}
    refused = run("email", pack, "--to", recipients, "--smtp", address, env_extra=login)
    assert refused.returncode == 1 and mailbox.received == []
    (line,) = refused.stderr.strip().splitlines()
    assert "offers no login (no AUTH)" in line and "--no-auth" in line
    sent = run("email", pack, "--to", recipients, "--smtp", address, "--no-auth", env_extra=login)
    assert sent.returncode == 0, sent.stderr
    assert len(mailbox.received) == 3 and mailbox.received[0].message["From"] == LOGIN


def test_a_dry_run_after_a_send_says_what_it_skipped(pack, recipients, server, tmp_path):
    address, _ = server
    write_recipients(recipients, rows=COUNCILLORS[:2])
    assert run("email", pack, "--to", recipients, "--smtp", address, "--from", SENDER).returncode == 0
    everyone = run("email", pack, "--to", recipients, "--dry-run", tmp_path / "outbox", "--from", SENDER)
    assert everyone.returncode == 0, everyone.stderr
    assert everyone.stdout.splitlines()[-1] == (
        f"everyone listed has already had this pack (kept in {state_path(pack)}); no messages were written")
    assert "wrote 0" not in everyone.stdout and not (tmp_path / "outbox").exists()

    write_recipients(recipients)  # one more councillor joins the panel
    rest = run("email", pack, "--to", recipients, "--dry-run", tmp_path / "outbox", "--from", SENDER)
    assert rest.returncode == 0, rest.stderr
    assert f"wrote 1 message to {tmp_path / 'outbox'}" in rest.stdout
    assert f"skipped 2 recipients who already had this pack (kept in {state_path(pack)})" in rest.stdout


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"PK\x03\x04 a Word document", "is not a PDF"),
     (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntruncated", "is not a readable PDF")],
)
def test_a_bad_pack_is_one_line_with_nothing_from_pypdf(tmp_path, recipients, content, fragment):
    bad = tmp_path / "pack.pdf"
    bad.write_bytes(content)
    result = run("email", bad, "--to", recipients, "--dry-run", tmp_path / "outbox")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(result.stderr.splitlines()) == 1 and fragment in result.stderr


def test_a_damaged_paper_in_a_pack_is_one_line_with_nothing_from_pypdf(tmp_path):
    (tmp_path / "minutes.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntruncated")
    (tmp_path / "agenda.toml").write_text(
        'committee = "Panel"\ndate = 2019-07-02\ntime = "3 p.m."\nvenue = "Town Hall"\n'
        '[[items]]\ntitle = "Minutes"\npapers = ["minutes.pdf"]\n', encoding="utf-8")
    result = run("pack", tmp_path / "agenda.toml", "--out", tmp_path / "out")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and "minutes.pdf is damaged and cannot be read" in line
