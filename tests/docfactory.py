"""Real documents built inside the tests: Word (python-docx + raw WordprocessingML), ODT and PDF.

Word features python-docx has no API for (content controls, tracked
insertions and deletions) are written as the XML Word itself writes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2025-03-14T09:00:00Z"


def content_control(paragraph, text: str, alias: str = "Person's name", placeholder: bool = False) -> None:
    """An inline plain-text content control (w:sdt), as council templates use for form fields."""
    shown = '<w:showingPlcHdr/>' if placeholder else ""
    paragraph._p.append(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{alias}"/>{shown}<w:text/></w:sdtPr>'
        f'<w:sdtContent><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:sdtContent></w:sdt>'))


def block_content_control(document, texts: list[str], alias: str = "What matters to me") -> None:
    """A block-level content control holding whole paragraphs, placed at the end of the body."""
    paras = "".join(f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>' for t in texts)
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{alias}"/><w:richText/></w:sdtPr>'
                    f'<w:sdtContent>{paras}</w:sdtContent></w:sdt>')
    document.element.body.insert(len(document.element.body) - 1, sdt)  # before the final w:sectPr


def tracked_insertion(paragraph, text: str, change_id: int = 901, author: str = "Carys Evans") -> None:
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="{change_id}" w:author="{author}" w:date="{DATE}">'
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'))


def tracked_deletion(paragraph, text: str, change_id: int = 902, author: str = "Carys Evans") -> None:
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="{change_id}" w:author="{author}" w:date="{DATE}">'
        f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'))


_SHAPE_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
             'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
             'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
             'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"')


def text_box(paragraph, text: str) -> None:
    """A floating text box as Word writes it: a drawing, repeated as VML in mc:Fallback for old readers."""
    inner = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    paragraph._p.append(parse_xml(
        f'<w:r {_SHAPE_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f'<wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))


def welsh_heading_style(document, name: str = "Pennawd Cynllun", base: str = "Heading 2"):
    """A template's own heading style (a Welsh name) based on a built-in heading."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    return style


def care_plan(path: Path) -> Path:
    """A council-style care and support plan with every feature the reader must handle.

    Paragraph numbers (what findings report as ``line``) are noted beside each paragraph.
    """
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Dyffryn County Council: care and support plan for the service user"
    d.sections[0].footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    d.add_heading("Care and support plan", 0)  # 1
    name = d.add_paragraph("Name: ")  # 2
    content_control(name, "Gwenllian Evans")
    content_control(name, "Click or tap here to enter text.", alias="NHS number", placeholder=True)
    d.add_heading("About me", 1)  # 3
    p = d.add_paragraph("Mrs Evans ")  # 4
    p.add_run("suffers from").bold = True
    p.add_run(" arthritis\tin both knees.")
    d.add_paragraph("Mae Mrs Evans yn siarad Cymraeg. Mae hi'n byw ar ei phen ei hun ym Mhen-y-bont; ei ŵyr Siôn sy'n helpu.")  # 5
    p = d.add_paragraph("She ")  # 6
    tracked_deletion(p, "is non-compliant with her tablets")
    tracked_insertion(p, "is wheelchair-bound outside")
    p.add_run(" the home.")
    d.add_paragraph("She said: I want to stay in my own home.", style="Quote")  # 7
    d.add_heading("Personal outcomes", 1)  # 8
    d.add_paragraph("To attend the day centre two days a week.")  # 9
    d.add_paragraph("I want to see my daughter Carys every week.")  # 10
    welsh_heading_style(d)
    d.add_paragraph("Beth sy'n bwysig i mi", style="Pennawd Cynllun")  # 11: a heading by its base style
    table = d.add_table(rows=3, cols=3)  # 12-20
    for row, cells in enumerate([("Action", "Who", "When"),
                                 ("Key safe fitted", "Social worker", "March"),
                                 ("Check on the service user", "Carys", "Weekly")]):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    block_content_control(d, ["Mrs Evans has a package of care in the mornings."])  # 21
    d.save(path)
    return path


# -- reading back what annotate wrote ----------------------------------------------------

def comment_ranges(path: Path) -> dict[str, dict]:
    """Per comment id: the document text its range covers, its text, author and initials."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        if "word/comments.xml" not in archive.namelist():
            return {}
        comments = etree.fromstring(archive.read("word/comments.xml"))
    ranges: dict[str, dict] = {}
    for c in comments.iter(qn("w:comment")):
        ranges[c.get(qn("w:id"))] = {
            "text": "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in c.iter(qn("w:p"))).strip(),
            "author": c.get(qn("w:author")), "initials": c.get(qn("w:initials")), "anchored": None,
        }
    open_: dict[str, list[str]] = {}
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_[element.get(qn("w:id"))] = []
        elif element.tag == qn("w:commentRangeEnd"):
            cid = element.get(qn("w:id"))
            if cid in open_ and cid in ranges:
                ranges[cid]["anchored"] = "".join(open_.pop(cid))
        elif element.tag == qn("w:t"):
            for parts in open_.values():
                parts.append(element.text or "")
        elif element.tag == qn("w:tab"):
            for parts in open_.values():
                parts.append(" ")
    return ranges


def count_tags(path: Path, part: str, tag: str) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(1 for _ in etree.fromstring(archive.read(part)).iter(qn(tag)))


# -- ODT and PDF -------------------------------------------------------------------------

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odt(path: Path, body: str, styles: str = "") -> Path:
    """An OpenDocument text file with ``body`` (XML inside office:text) and optional master-page styles."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS} office:version="1.3">'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODT_NS} office:version="1.3">'
                  f'{styles}</office:document-styles>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")  # stored, first
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles_xml, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF whose pages show these lines in Helvetica (a real text layer; an empty page has none)."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 56 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        page_ids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{i} 0 R' for i in page_ids)}] /Count {len(page_ids)} >>".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


# -- one plan in every format --------------------------------------------------------------
# A plan is a list of parts: ("h1" | "h2", text), ("p", text), ("li", text) or ("table", rows), where rows
# is a list of lists of cell texts, the first row naming the columns. Each writer lays the same parts out
# as its format does, one paragraph per part, so a test can check that findings do not depend on the format.

def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def plan_markdown(parts: list[tuple]) -> str:
    lines: list[str] = []
    for kind, value in parts:
        if kind in ("h1", "h2"):
            lines += ["#" * int(kind[1]) + " " + value, ""]
        elif kind == "li":
            lines += [f"- {value}", ""]
        elif kind == "table":
            lines += ["| " + " | ".join(value[0]) + " |", "|" + "---|" * len(value[0])]
            lines += ["| " + " | ".join(row) + " |" for row in value[1:]] + [""]
        else:
            lines += [value, ""]
    return "\n".join(lines)


def plan_html(parts: list[tuple]) -> str:
    body: list[str] = []
    for kind, value in parts:
        if kind in ("h1", "h2"):
            body.append(f"<{kind}>{_xml(value)}</{kind}>")
        elif kind == "li":
            body.append(f"<ul><li>{_xml(value)}</li></ul>")
        elif kind == "table":
            head = "".join(f"<th>{_xml(c)}</th>" for c in value[0])
            rows = "".join("<tr>" + "".join(f"<td>{_xml(c)}</td>" for c in row) + "</tr>" for row in value[1:])
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        else:
            body.append(f"<p>{_xml(value)}</p>")
    return f'<!DOCTYPE html>\n<html lang="en-GB"><head><title>Plan</title></head><body>\n' + "\n".join(body) + "\n</body></html>\n"


def plan_docx(path: Path, parts: list[tuple]) -> Path:
    d = docx.Document()
    for kind, value in parts:
        if kind in ("h1", "h2"):
            d.add_heading(value, int(kind[1]))
        elif kind == "li":
            d.add_paragraph(value, style="List Bullet")
        elif kind == "table":
            table = d.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        else:
            d.add_paragraph(value)
    d.save(path)
    return path


def plan_odt(path: Path, parts: list[tuple]) -> Path:
    body: list[str] = []
    for kind, value in parts:
        if kind in ("h1", "h2"):
            body.append(f'<text:h text:outline-level="{kind[1]}">{_xml(value)}</text:h>')
        elif kind == "li":
            body.append(f"<text:list><text:list-item><text:p>{_xml(value)}</text:p></text:list-item></text:list>")
        elif kind == "table":
            rows = "".join("<table:table-row>" + "".join(f"<table:table-cell><text:p>{_xml(c)}</text:p></table:table-cell>"
                                                         for c in row) + "</table:table-row>" for row in value)
            body.append(f"<table:table>{rows}</table:table>")
        else:
            body.append(f"<text:p>{_xml(value)}</text:p>")
    return odt(path, "".join(body))


def plan_in_every_format(folder: Path, parts: list[tuple], name: str = "plan") -> dict[str, Path]:
    """The same plan as .md, .html, .docx and .odt files in ``folder``."""
    (folder / f"{name}.md").write_text(plan_markdown(parts), encoding="utf-8")
    (folder / f"{name}.html").write_text(plan_html(parts), encoding="utf-8")
    return {"md": folder / f"{name}.md", "html": folder / f"{name}.html",
            "docx": plan_docx(folder / f"{name}.docx", parts), "odt": plan_odt(folder / f"{name}.odt", parts)}
