"""The optional Commentary sheet: per section, the definition, performance analysis and data note that the
PDF prints under each section's tables.
"""

from __future__ import annotations

from boardpack.headers import normalise_header
from boardpack.model import CellRef, Commentary, Finding, Severity
from boardpack.reader import RawSheet

_FIELDS = {
    "section": "section",
    "sectionname": "section",
    "definition": "definition",
    "definitions": "definition",
    "performanceanalysis": "analysis",
    "performance": "analysis",
    "analysis": "analysis",
    "commentary": "analysis",
    "narrative": "analysis",
    "datanote": "data_note",
    "datanotes": "data_note",
    "note": "data_note",
    "notes": "data_note",
}
_SEARCH_ROWS = 10
# What Excel saves as the value of a formula that failed: shown in a cell, never narrative.
EXCEL_ERRORS = frozenset({"#REF!", "#VALUE!", "#N/A", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"})


def _header(sheet: RawSheet) -> tuple[int, dict[str, int]] | None:
    for row_number, row in enumerate(sheet.rows[:_SEARCH_ROWS], start=1):
        fields: dict[str, int] = {}
        for index, value in enumerate(row):
            if isinstance(value, str):
                name = _FIELDS.get(normalise_header(value))
                if name and name not in fields:
                    fields[name] = index
        if "section" in fields and len(fields) > 1:
            return row_number, fields
    return None


def is_commentary_sheet(sheet: RawSheet) -> bool:
    return normalise_header(sheet.name) in {"commentary", "narrative", "commentaries"} and _header(sheet) is not None


def read_commentary(sheet: RawSheet, findings: list[Finding]) -> dict[str, Commentary]:
    """Narrative by section name (lower-cased, spaces folded); rows for the same section are joined.

    A formula's narrative is the text Excel saved for it; a formula with none saved, or one that saved an
    error, is a warning naming the cell, so no narrative goes missing without a word.
    """
    found = _header(sheet)
    assert found is not None
    header_row, fields = found
    texts: dict[str, dict[str, list[str]]] = {}
    sources: dict[str, CellRef] = {}
    for row_number in range(header_row + 1, len(sheet.rows) + 1):
        section = " ".join(_cell_text(sheet, row_number, fields.get("section"), findings).split())
        parts = {name: _cell_text(sheet, row_number, fields.get(name), findings)
                 for name in ("definition", "analysis", "data_note")}
        if not section:
            if any(parts.values()):
                findings.append(Finding(
                    Severity.WARNING, "commentary has no section name, so it was not used; fill in the Section cell",
                    sheet.where(row_number, fields["section"]),
                ))
            continue
        key = " ".join(section.lower().split())
        entry = texts.setdefault(key, {"definition": [], "analysis": [], "data_note": []})
        sources.setdefault(key, sheet.where(row_number, fields["section"]))
        for name, value in parts.items():
            if value:
                entry[name].append(value)
    return {
        key: Commentary(
            definition="\n\n".join(entry["definition"]),
            analysis="\n\n".join(entry["analysis"]),
            data_note="\n\n".join(entry["data_note"]),
            source=sources[key],
        )
        for key, entry in texts.items()
    }


def _cell_text(sheet: RawSheet, row_number: int, index: int | None, findings: list[Finding]) -> str:
    """A narrative cell's text; a formula with no saved value, or one showing an Excel error, is a warning."""
    if index is None:
        return ""
    if (row_number, index) in sheet.formulas_without_value:
        findings.append(Finding(
            Severity.WARNING,
            "holds a formula with no saved value, so its text is not in the pack; open the tracker in "
            "Excel, let it calculate, and save it",
            sheet.where(row_number, index),
        ))
        return ""
    row = sheet.rows[row_number - 1]
    if index >= len(row) or row[index] is None:
        return ""
    value = str(row[index]).strip()
    if value in EXCEL_ERRORS:
        findings.append(Finding(
            Severity.WARNING, f"shows the Excel error {value}, so its text is not in the pack; fix the formula",
            sheet.where(row_number, index),
        ))
        return ""
    return value
