"""Sending an agenda pack to a committee: one message per councillor, with a short performance summary.

Each message names only its own recipient, so no councillor sees the others' addresses. The summary (how
many indicators are red, amber and green, and the biggest movers) is recorded inside the pack when
``boardpack pack`` builds a report, so ``boardpack email`` needs nothing but the pack and the recipients.

Sending keeps a small state file beside the pack (``PACK.sent.json`` for ``PACK.pdf``) listing who has had
it. If the server refuses someone part-way, the same command run again sends only to those who have not.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import ipaddress
import json
import math
import os
import re
import smtplib
import ssl
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from boardpack.exceptions import EmailError
from boardpack.model import Dot, Indicator, Rag, Scorecard
from boardpack.progress import Progress, no_progress
from boardpack.render.text import format_value

DEFAULT_SERVER = "localhost:25"
SUBMISSION_PORT = 587
DEFAULT_LIMIT_MB = 10.0
BYTES_PER_MB = 1024 * 1024
MOVERS = 3
USER_VARIABLE = "BOARDPACK_SMTP_USER"
PASSWORD_VARIABLE = "BOARDPACK_SMTP_PASSWORD"
SUMMARY_KEY = "/BoardpackSummary"
_ADDRESS = re.compile(r"^[^@\s<>,;:\"()\[\]]+@[^@\s<>,;:\"()\[\]]+\.[^@\s<>,;:\"()\[\]]+$")
_NEEDS_LOGIN = 530
_TIMEOUT_SECONDS = 60
# A dry run needs no real sender; this one says so in every draft, and .invalid never delivers (RFC 2606).
DRY_RUN_SENDER = '"Sender not set (give --from)" <sender-not-set@example.invalid>'
# Councils' own headings for the two columns, compared with case, spaces and punctuation removed:
# role -> (spellings, what the column holds, an example heading for the error).
_COLUMNS = {
    "name": (("name", "fullname", "displayname"), "names", "Full name"),
    "email": (("email", "emailaddress"), "addresses", "Email address"),
}
_DELIMITERS = (",", ";", "\t")




# --- the summary recorded in the pack -------------------------------------------------------------------


@dataclass(frozen=True)
class Mover:
    """An indicator whose figure moved most since the previous month, as printed: ``89.4%`` to ``93.4%``."""

    ref: str
    name: str
    previous: str
    current: str
    direction: str

    def __str__(self) -> str:
        return f"{self.ref} {self.name}: {self.previous} to {self.current} ({self.direction})"


@dataclass(frozen=True)
class ReportSummary:
    title: str
    period: str
    indicators: int
    red: int
    amber: int
    green: int
    movers: tuple[Mover, ...] = ()
    pages: str = ""

    @property
    def unrated(self) -> int:
        return self.indicators - self.red - self.amber - self.green


@dataclass(frozen=True)
class PackDetails:
    """What a message says about the meeting and its reports; stored in the pack as JSON."""

    committee: str
    date: str
    time: str
    venue: str
    pages: int
    reports: tuple[ReportSummary, ...] = ()

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PackDetails:
        """Raises ``ValueError`` (or ``KeyError``/``TypeError``) when the text is not a recorded summary."""
        raw = json.loads(text)
        reports = tuple(
            ReportSummary(**{**report, "movers": tuple(Mover(**mover) for mover in report["movers"])})
            for report in raw.pop("reports")
        )
        return cls(**raw, reports=reports)


_DIRECTION_WORDS = {Dot.IMPROVED: "improved", Dot.DECLINED: "worse", Dot.UP: "up", Dot.DOWN: "down"}


def summarise(scorecard: Scorecard, title: str, movers: int = MOVERS) -> ReportSummary:
    """Count the period's RAG ratings and pick the indicators whose figures moved most since the last month.

    Movers are drawn from the indicators with a RAG rating, those with targets the committee watches, unless
    none has one. A percentage's move is measured in percentage points and any other figure's as a
    percentage of its previous value, so that a count going from 1 to 4 does not outrank a rate falling
    from 33% to 0%; a move away from zero outranks every other. Figures that display the same are not movers.
    """
    indicators = scorecard.indicators
    ratings = [indicator.assessment.rag for indicator in indicators if indicator.assessment is not None]
    candidates = [(position, indicator, _movement(indicator)) for position, indicator in enumerate(indicators)]
    moved = [(size, position, indicator) for position, indicator, size in candidates if size is not None]
    rated = [entry for entry in moved if entry[2].assessment is not None and entry[2].assessment.rag is not None]
    ranked = sorted(rated or moved, key=lambda entry: (-entry[0], entry[1]))
    return ReportSummary(
        title=title,
        period=scorecard.period_title,
        indicators=len(indicators),
        red=ratings.count(Rag.RED),
        amber=ratings.count(Rag.AMBER),
        green=ratings.count(Rag.GREEN),
        movers=tuple(_mover(indicator) for _, _, indicator in ranked[:movers]),
    )


def _movement(indicator: Indicator) -> float | None:
    """How far the figure moved: percentage points for a percentage, else percent of the previous value."""
    assessment = indicator.assessment
    if assessment is None or assessment.dot not in _DIRECTION_WORDS:
        return None
    current, previous = assessment.current, assessment.previous
    if current is None or previous is None or current.value is None or previous.value is None:
        return None
    change = abs(current.value - previous.value)
    if indicator.unit.is_percent:
        return change * 100
    if previous.value == 0:
        return math.inf
    return change / abs(previous.value) * 100


def _mover(indicator: Indicator) -> Mover:
    assessment = indicator.assessment
    assert assessment is not None and assessment.dot is not None
    current = format_value(assessment.current, indicator.unit)
    if assessment.current_month is not None:
        # A quarterly (termly, yearly) measure's latest figure is for its own period, which the line names.
        current += f" ({indicator.period_label(assessment.current_month)})"
    return Mover(
        ref=indicator.ref,
        name=indicator.name,
        previous=format_value(assessment.previous, indicator.unit),
        current=current,
        direction=_DIRECTION_WORDS[assessment.dot],
    )


# --- recipients -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


def read_recipients(path: str | Path) -> tuple[Recipient, ...]:
    """Read a CSV with a name and an email column (any others are ignored); blank rows are skipped.

    Headings are matched as councils write them (``Full name``, ``E-mail``, ``Email address (work)``), and
    the file may be separated by semicolons, as Excel saves it where the decimal point is a comma.
    """
    path = Path(path)
    text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text.partition("\n")[0]))
    headings = list(reader.fieldnames or ())
    name_column = _column(headings, "name", path)
    email_column = _column(headings, "email", path)
    recipients: list[Recipient] = []
    rows_by_address: dict[str, int] = {}
    for row_number, row in enumerate(reader, start=2):
        name = (row.get(name_column) or "").strip()
        address = (row.get(email_column) or "").strip()
        if not name and not address:
            continue
        where = f"{path} › row {row_number}"
        if not _ADDRESS.match(address):
            raise EmailError(f"{address!r} is not an email address", where)
        if not name or any(character in name for character in "\r\n"):
            raise EmailError(f"needs a name on one line for {address}, for the greeting", where)
        key = address.lower()
        if key in rows_by_address:
            raise EmailError(f"{address} is already on row {rows_by_address[key]}; list each person once", where)
        rows_by_address[key] = row_number
        recipients.append(Recipient(name, address))
    if not recipients:
        raise EmailError("lists nobody; add a row with a name and an email address", str(path))
    return tuple(recipients)


def _delimiter(heading_line: str) -> str:
    """The separator the heading row uses most, outside quotes: a comma, a semicolon or a tab."""
    bare = re.sub(r'"[^"]*"', "", heading_line)
    return max(_DELIMITERS, key=bare.count)


def _heading_words(heading: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", heading.lower())


def _column(headings: Sequence[str], role: str, path: Path) -> str:
    """The one heading for ``role``: a known spelling (``E-mail``, ``Full name``), or one followed by more
    words that qualify it (``Email address (work)``)."""
    known, holding, example = _COLUMNS[role]
    exact, qualified = [], []
    for heading in headings:
        words = _heading_words(heading)
        if "".join(words) in known:
            exact.append(heading)
        elif any("".join(words[:end]) in known for end in range(1, len(words))):
            qualified.append(heading)
    found = exact or qualified
    if len(found) == 1:
        return found[0]
    if found:
        raise EmailError(
            f"has {len(found)} {role} columns ({', '.join(map(repr, found))}); keep one, or head the one to use "
            f"{role!r}", str(path)
        )
    listed = ", ".join(map(repr, headings)) or "none"
    article = "an" if role[0] in "aeiou" else "a"
    raise EmailError(
        f"needs {article} {role!r} column; the headings found were {listed}. Head the column of {holding} "
        f"{role!r} or {example!r}", str(path)
    )


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EmailError("recipients file not found", str(path)) from None
    except OSError as exc:
        raise EmailError(f"cannot read the recipients ({exc.strerror})", str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV (Comma delimited)" on Windows saves in this code page, not UTF-8.
        return data.decode("cp1252", errors="replace")


# --- messages -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pack:
    """The PDF to send and what it says about itself."""

    path: Path
    data: bytes
    details: PackDetails | None
    title: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def open_pack(path: str | Path) -> Pack:
    """Read the pack and the summary ``boardpack pack`` recorded in it (a PDF made elsewhere has none)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from boardpack.pdf_quiet import pypdf_quiet

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EmailError("pack not found", str(path)) from None
    except OSError as exc:
        raise EmailError(f"cannot read the pack ({exc.strerror})", str(path)) from None
    # Readers accept a PDF header anywhere in the first kilobyte; a Word file or a spreadsheet has none.
    if b"%PDF-" not in data[:1024]:
        raise EmailError("is not a PDF; give the pack that boardpack pack wrote", str(path))
    try:
        with pypdf_quiet():
            metadata: Mapping[str, object] = PdfReader(io.BytesIO(data)).metadata or {}
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise EmailError(f"is not a readable PDF ({exc})", str(path)) from None
    details = None
    recorded = metadata.get(SUMMARY_KEY)
    if isinstance(recorded, str):
        with suppress(ValueError, KeyError, TypeError):
            details = PackDetails.from_json(recorded)
    return Pack(path, data, details, own_title(metadata.get("/Title")) or path.stem)


def own_title(title: object) -> str:
    """A PDF's own title, unless it is empty or a tool's placeholder such as ReportLab's "untitled"."""
    text = title.strip() if isinstance(title, str) else ""
    return "" if text.lower() in ("", "untitled", "(anonymous)") else text


def subject(pack: Pack) -> str:
    if pack.details is None:
        return f"Agenda pack: {pack.title}"
    return f"Agenda pack: {pack.details.committee}, {pack.details.date}"


def body(pack: Pack, recipient: Recipient) -> str:
    lines = [f"Dear {recipient.name},", ""]
    details = pack.details
    if details is None:
        lines.append(f"Please find attached {pack.path.name}.")
    else:
        lines.append(
            f"Please find attached the agenda pack for the {details.committee} meeting on {details.date} "
            f"at {details.time}, {details.venue}. It has {details.pages} pages."
        )
        for report in details.reports:
            lines += ["", *_report_lines(report)]
    lines.append("")
    return "\n".join(lines)


def _report_lines(report: ReportSummary) -> list[str]:
    where = f" ({report.pages.lower()} of the pack)" if report.pages else ""
    lines = [f"{report.title}, {report.period}{where}:"]
    rated = f"{report.red} red, {report.amber} amber and {report.green} green"
    unrated = (f"; {report.unrated} {'has' if report.unrated == 1 else 'have'} no rating (for information, or no "
               "target)") if report.unrated else ""
    lines.append(f"- Of {report.indicators} indicators, {rated}{unrated}.")
    if report.movers:
        lines.append("- Biggest changes since the previous month:")
        lines += [f"  - {mover}" for mover in report.movers]
    return lines


def compose(pack: Pack, recipient: Recipient, sender: str) -> EmailMessage:
    """One message to one councillor: only their address is on it, the pack attached."""
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = sender
    message["To"] = formataddr((recipient.name, recipient.email))
    message["Subject"] = subject(pack)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body(pack, recipient))
    message.add_attachment(pack.data, maintype="application", subtype="pdf", filename=pack.path.name)
    return message


def check_size(pack: Pack, recipients: Sequence[Recipient], sender: str, limit_mb: float) -> None:
    """Refuse before anything is sent when the largest message would be over the limit.

    Mailbox limits apply to the message as sent, and an attachment grows by a third when encoded for email,
    so the message is measured, not the PDF.
    """
    longest = max(recipients, key=lambda r: len(formataddr((r.name, r.email)).encode("utf-8")))
    size = len(compose(pack, longest, sender).as_bytes())
    if size > limit_mb * BYTES_PER_MB:
        raise EmailError(
            f"is {_mb(len(pack.data))} MB, {_mb(size)} MB once attached to an email, which is over the "
            f"{limit_mb:g} MB limit; nothing was sent. Make the pack smaller, or if every recipient's mailbox "
            f"takes larger messages, raise the limit with --max-size",
            str(pack.path),
        )


def _mb(size: int) -> str:
    return f"{size / BYTES_PER_MB:.1f}"


def resolve_sender(sender: str | None, dry_run: bool = False) -> str:
    """The From address: as given, else the login name when that is an address, else for a dry run a
    placeholder that says it is one."""
    chosen = (sender or "").strip() or os.environ.get(USER_VARIABLE, "").strip()
    if not chosen and dry_run:
        return DRY_RUN_SENDER
    if not chosen:
        raise EmailError("say who the pack is from with --from, such as --from democratic.services@council.gov.uk")
    address = chosen.rpartition("<")[2].rstrip(">").strip()
    if not _ADDRESS.match(address):
        raise EmailError(f"--from {chosen!r} is not an email address")
    return chosen


# --- who has had it -------------------------------------------------------------------------------------


def state_path(pack_path: Path) -> Path:
    return pack_path.with_name(f"{pack_path.stem}.sent.json")


def already_sent(pack: Pack, progress: Progress = no_progress) -> set[str]:
    """Addresses (lower case) that have had this very pack; a changed pack starts afresh."""
    path = state_path(pack.path)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    except (OSError, ValueError):
        raise EmailError(
            "cannot read who has had the pack; delete this file to send to everyone again", str(path)
        ) from None
    if not isinstance(state, dict) or state.get("sha256") != pack.digest:
        progress(f"the pack has changed since {path.name} was written: sending to everyone")
        return set()
    return {str(address).lower() for address in state.get("sent", ())}


def _record_sent(pack: Pack, sent: set[str]) -> None:
    from boardpack.output import OutputSet

    path = state_path(pack.path)
    state = {"pack": pack.path.name, "sha256": pack.digest, "sent": sorted(sent)}
    with OutputSet(path.parent) as outputs:
        outputs.path_for(path.name).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")


# --- sending --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    sent: tuple[Recipient, ...] = ()
    skipped: tuple[Recipient, ...] = ()
    drafts: tuple[Path, ...] = ()
    placeholder_sender: bool = False


def parse_server(text: str | None) -> tuple[str, int]:
    """``HOST:PORT``, ``HOST`` (port 587, for sending with a login) or ``[::1]:25``."""
    text = (text or DEFAULT_SERVER).strip()
    match = re.fullmatch(r"\[(?P<v6>[^\]]+)\](?::(?P<v6port>\d+))?|(?P<host>[^:\s]+)(?::(?P<port>\d+))?", text)
    if not match:
        raise EmailError(f"--smtp {text!r} must be HOST:PORT, such as smtp.council.gov.uk:587")
    host = match["v6"] or match["host"]
    port = int(match["v6port"] or match["port"] or SUBMISSION_PORT)
    if not 0 < port < 65536:
        raise EmailError(f"--smtp {text!r}: the port must be from 1 to 65535")
    return host, port


def email_pack(
    pack_path: str | Path,
    recipients_path: str | Path,
    *,
    server: str | None = None,
    dry_run: str | Path | None = None,
    sender: str | None = None,
    limit_mb: float = DEFAULT_LIMIT_MB,
    progress: Progress = no_progress,
    no_auth: bool = False,
) -> Delivery:
    """Send the pack to everyone who has not had it yet, or with ``dry_run`` write their messages as .eml files.

    Raises ``EmailError`` before sending anything when the pack is over ``limit_mb`` or the server cannot be
    reached, refuses the login, or offers no login for the one set in the environment (unless ``no_auth``);
    and after trying everyone when any recipient was refused, naming them.
    """
    if limit_mb <= 0:
        raise EmailError(f"--max-size {limit_mb:g} must be more than 0 MB")
    pack = open_pack(pack_path)
    recipients = read_recipients(recipients_path)
    chosen_sender = resolve_sender(sender, dry_run=dry_run is not None)
    check_size(pack, recipients, chosen_sender, limit_mb)
    done = already_sent(pack, progress)
    pending = tuple(r for r in recipients if r.email.lower() not in done)
    skipped = tuple(r for r in recipients if r.email.lower() in done)
    for recipient in skipped:
        progress(f"already sent to {recipient}")
    if not pending:
        return Delivery(skipped=skipped)
    if dry_run is not None:
        drafts = write_drafts(pack, pending, chosen_sender, Path(dry_run))
        return Delivery(skipped=skipped, drafts=drafts, placeholder_sender=chosen_sender == DRY_RUN_SENDER)
    host, port = parse_server(server)
    sent = _send_all(pack, pending, chosen_sender, host, port, done, progress, no_auth)
    return Delivery(sent=sent, skipped=skipped)


def write_drafts(pack: Pack, recipients: Sequence[Recipient], sender: str, folder: Path) -> tuple[Path, ...]:
    """Each message as ``NN-address.eml``, all written or none."""
    from boardpack.output import OutputSet

    with OutputSet(folder) as outputs:
        for number, recipient in enumerate(recipients, start=1):
            name = f"{number:02d}-{re.sub(r'[^A-Za-z0-9@._-]', '_', recipient.email)}.eml"
            outputs.path_for(name).write_bytes(compose(pack, recipient, sender).as_bytes())
        return outputs.commit()


def _send_all(
    pack: Pack,
    pending: Sequence[Recipient],
    sender: str,
    host: str,
    port: int,
    done: set[str],
    progress: Progress,
    no_auth: bool = False,
) -> tuple[Recipient, ...]:
    sent: list[Recipient] = []
    refused: list[tuple[Recipient, str]] = []
    envelope_sender = sender.rpartition("<")[2].rstrip(">").strip()
    with _connection(host, port, no_auth) as connection:
        # Check the record of who has had the pack can be kept before anyone is sent it.
        _record_sent(pack, done)
        for index, recipient in enumerate(pending):
            try:
                connection.send_message(compose(pack, recipient, sender), envelope_sender, [recipient.email])
            except smtplib.SMTPRecipientsRefused as exc:
                reason = _reply(*exc.recipients.get(recipient.email, (0, b"refused")))
                refused.append((recipient, reason))
                progress(f"not sent to {recipient}: {reason}")
                continue
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code == _NEEDS_LOGIN:
                    instead = " and leave out --no-auth" if no_auth else ""
                    raise EmailError(
                        f"the mail server {host}:{port} needs a login: set {USER_VARIABLE} and "
                        f"{PASSWORD_VARIABLE}{instead}"
                    ) from None
                reason = _reply(exc.smtp_code, exc.smtp_error)
                refused.append((recipient, reason))
                progress(f"not sent to {recipient}: {reason}")
                continue
            except (smtplib.SMTPException, OSError) as exc:
                cause = f"the connection failed ({_reason(exc)})"
                raise EmailError(_partial_message(sent, refused, pending[index:], pack, cause)) from None
            sent.append(recipient)
            done.add(recipient.email.lower())
            _record_sent(pack, done)
            progress(f"sent to {recipient}")
    if refused:
        raise EmailError(_partial_message(sent, refused, [], pack, "the server refused some addresses"))
    return tuple(sent)


def _partial_message(
    sent: Sequence[Recipient],
    refused: Sequence[tuple[Recipient, str]],
    unsent: Sequence[Recipient],
    pack: Pack,
    cause: str,
) -> str:
    missing = [f"{recipient} ({reason})" for recipient, reason in refused] + [str(r) for r in unsent]
    had = ", ".join(str(r) for r in sent) or "nobody"
    return (
        f"{cause}: sent to {len(sent)} of {len(sent) + len(missing)} (this run: {had}); not sent to "
        f"{'; '.join(missing)}. Fix the problem and run the same command again: it sends only to those who "
        f"have not had the pack (kept in {state_path(pack.path)})"
    )


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}".strip()


@contextmanager
def _connection(host: str, port: int, no_auth: bool = False) -> Iterator[smtplib.SMTP]:
    """A connection upgraded to TLS whenever the server offers it, and logged in with the environment's login.

    A login that the server gives no way to use stops the send, unless ``no_auth`` says the server takes mail
    without one: otherwise a mistyped --smtp would quietly send through a server the council did not mean.
    """
    user = "" if no_auth else os.environ.get(USER_VARIABLE, "").strip()
    password = "" if no_auth else os.environ.get(PASSWORD_VARIABLE, "")
    if bool(user) != bool(password):
        missing, present = (PASSWORD_VARIABLE, USER_VARIABLE) if user else (USER_VARIABLE, PASSWORD_VARIABLE)
        raise EmailError(f"{present} is set but {missing} is not; set both, or neither")
    where = f"the mail server {host}:{port}"
    try:
        connection = smtplib.SMTP(host, port, timeout=_TIMEOUT_SECONDS)
    except (OSError, smtplib.SMTPException) as exc:
        raise EmailError(f"cannot connect to {where} ({_reason(exc)}); check --smtp; nothing was sent") from None
    try:
        try:
            connection.ehlo()
            if connection.has_extn("starttls"):
                connection.starttls(context=ssl.create_default_context())
                connection.ehlo()
            elif user and not _is_loopback(host):
                raise EmailError(
                    f"{where} does not offer STARTTLS, and boardpack will not send your password unencrypted; "
                    "nothing was sent"
                )
            if user and not connection.has_extn("auth"):
                raise EmailError(
                    f"{where} offers no login (no AUTH), so {USER_VARIABLE} and {PASSWORD_VARIABLE} would not be "
                    "used; nothing was sent. If this server takes mail without a login, run again with --no-auth"
                )
            if user:
                connection.login(user, password)
        except ssl.SSLCertVerificationError as exc:
            raise EmailError(
                f"{where}'s certificate could not be verified ({exc.verify_message}); if your council uses its "
                "own certificate authority, set SSL_CERT_FILE to its certificate; nothing was sent"
            ) from None
        except smtplib.SMTPAuthenticationError as exc:
            raise EmailError(
                f"{where} refused the login for {user} ({_reply(exc.smtp_code, exc.smtp_error)}); check "
                f"{USER_VARIABLE} and {PASSWORD_VARIABLE}; nothing was sent"
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise EmailError(f"{where} failed before sending ({_reason(exc)}); nothing was sent") from None
        yield connection
    finally:
        with suppress(OSError, smtplib.SMTPException):
            connection.quit()
        connection.close()


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
