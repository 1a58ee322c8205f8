"""Build examples/care-and-support-plan.docx from examples/care-and-support-plan.md.

    python examples/make_docx.py            # rewrites the .docx beside this script

The result looks like a council template: a bilingual header, a details table
whose values sit in content controls (Word's form fields), heading styles for
the sections (so the outcome rules know where "Personal outcomes" is), bullet
lists, the actions table and a footer. The output is byte-for-byte
reproducible (fixed dates, fixed zip timestamps), so it can be committed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "care-and-support-plan.md"
TARGET = HERE / "care-and-support-plan.docx"
FIXED = dt.datetime(2025, 3, 14, 9, 0, 0)
_FIELD = re.compile(r"([A-Z][\w ]+?): ([^.]+)\.?")


def content_control(cell_paragraph, label: str, value: str) -> None:
    """A plain-text content control holding ``value``, tagged with its field name."""
    cell_paragraph._p.append(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{escape(label)}"/><w:tag w:val="{escape(label)}"/>'
        f'<w:text/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">{escape(value)}</w:t></w:r>'
        f'</w:sdtContent></w:sdt>'))


def build(markdown: str) -> bytes:
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    lines = markdown.splitlines()
    title = lines[0].lstrip("# ").strip()
    heading, _, person = title.partition(":")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Cyngor Sir Dyffryn | Dyffryn County Council: Gofal Cymdeithasol Oedolion | Adult Social Care"
    section.footer.paragraphs[0].text = "OFFICIAL-SENSITIVE: personal information. Do not share without consent."
    document.add_heading(heading.strip(), 0)

    # The lines before the first section become the template's details table, values in content controls.
    details: list[tuple[str, str]] = [("Name", person.strip())]
    index = 1
    while index < len(lines) and not lines[index].startswith("## "):
        line = lines[index].strip()
        fields = _FIELD.findall(line)
        if fields:
            details += [(k.strip(), v.strip()) for k, v in fields]
        elif line:
            details.append(("Service", line))
        index += 1
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in details:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        content_control(cells[1].paragraphs[0], label, value)

    rows: list[list[str]] = []
    for line in lines[index:] + [""]:
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
            continue
        if rows:
            _table(document, rows)
            rows = []
        if stripped.startswith("## "):
            document.add_heading(stripped[3:].strip(), 1)
        elif stripped.startswith(("- ", "* ")):
            document.add_paragraph(stripped[2:].strip(), style="List Bullet")
        elif stripped:
            document.add_paragraph(stripped)

    core = document.core_properties
    core.author = core.last_modified_by = "Dyffryn County Council (example)"
    core.title = title
    core.created = core.modified = FIXED
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())


def _table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
            if r == 0:
                table.cell(r, c).paragraphs[0].runs[0].bold = True


def _reproducible(data: bytes) -> bytes:
    """The same zip with fixed timestamps, so rebuilding gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def main() -> int:
    TARGET.write_bytes(build(SOURCE.read_text(encoding="utf-8")))
    print(f"wrote {TARGET.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
