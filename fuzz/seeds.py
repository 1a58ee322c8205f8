"""Seed documents for the .docx fuzzer: real Word files with every feature the reader handles.

Built with python-docx (and the raw WordprocessingML Word writes for what
python-docx has no API for), so mutations start from what councils' templates
actually contain: tables, headers and footers, content controls, tracked
changes, comments, footnotes, text boxes and custom heading styles.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import docfactory  # noqa: E402  (the tests' own builders of real documents)

from mutators import W, Member, Package  # noqa: E402

NOTES = {
    "footnotes": ('<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                  '</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                  '<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/>'
                  '</w:r><w:r><w:t xml:space="preserve"> The service user was assessed as lacking capacity.</w:t></w:r>'
                  '</w:p></w:footnote></w:footnotes>'),
    "endnotes": ('<w:endnotes xmlns:w="{W}"><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                 '</w:p></w:endnote><w:endnote w:id="1"><w:p><w:r><w:t>She is non-compliant with medication.</w:t>'
                 '</w:r></w:p></w:endnote></w:endnotes>'),
}


def _rich(path: Path) -> Path:
    """Comments, fields, hyperlinks, moves, nested tables, content-control rows, text boxes, style chains."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Case notes: Mr Roberts"
    d.sections[0].first_page_header.paragraphs[0].text = "Case notes: Mr Roberts"
    d.sections[0].different_first_page_header_footer = True
    d.sections[0].even_page_footer.paragraphs[0].text = "Page footer"
    d.add_heading("Case notes", 1)
    p = d.add_paragraph("Mr Roberts ")
    run = p.add_run("refused his care")
    p.add_run(" again today.")
    d.add_comment(run, text="Say what he told you instead.", author="Team manager", initials="TM")
    p = d.add_paragraph("See ")
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99"><w:r><w:t>the policy</w:t></w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> DATE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>14 March</w:t><w:tab/><w:noBreakHyphen/><w:br/><w:cr/></w:r>'))
    p = d.add_paragraph("He ")
    p._p.append(parse_xml(f'<w:moveFrom {nsdecls("w")} w:id="5" w:author="A"><w:r><w:t>is aggressive</w:t></w:r></w:moveFrom>'))
    p._p.append(parse_xml(f'<w:moveTo {nsdecls("w")} w:id="6" w:author="A"><w:r><w:t>was upset</w:t></w:r></w:moveTo>'))
    p._p.append(parse_xml(f'<w:smartTag {nsdecls("w")} w:uri="x" w:element="place"><w:r><w:t> in Bangor</w:t></w:r></w:smartTag>'))
    docfactory.text_box(d.add_paragraph("Box: "), "He suffers from anxiety.")
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "Outcome"
    outer.cell(0, 1).text = "Progress"
    outer.cell(1, 0).text = "To cook my own meals"
    inner = outer.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Week 1"
    inner.cell(0, 1).text = "He was supported to make toast."
    row = outer._tbl.tr_lst[-1]
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Row"/></w:sdtPr><w:sdtContent/></w:sdt>')
    outer._tbl.append(sdt)
    sdt[1].append(row)
    custom = parse_xml(f'<w:customXml {nsdecls("w")} w:element="outcome"><w:p><w:r><w:t>I want to walk to the shop.</w:t>'
                       f'</w:r></w:p></w:customXml>')
    d.element.body.insert(len(d.element.body) - 1, custom)
    styles = d.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="LoopA"><w:name w:val="Loop A"/>'
                            f'<w:basedOn w:val="LoopB"/></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="LoopB"><w:name w:val="Loop B"/>'
                            f'<w:basedOn w:val="LoopA"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'))
    d.add_paragraph("Style loop heading", style="Loop A")
    para = d.add_paragraph("Own outline level")
    para._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    d.add_paragraph("First item", style="List Bullet")
    d.save(path)
    return _with_notes(path)


def _with_notes(path: Path) -> Path:
    package = Package.from_bytes(path.read_bytes())
    for part, xml in NOTES.items():
        package.members.append(Member(f"word/{part}.xml", xml.replace("{W}", W).encode()))
    path.write_bytes(package.to_bytes())
    return path


def _minimal() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Mrs Jones suffers '
                                              f'from dementia.</w:t></w:r></w:p></w:body></w:document>')
    return out.getvalue()


def build_seeds(folder: Path) -> dict[str, Package]:
    """The seed packages by name (re-zipped with fixed dates, so inputs are reproducible)."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = {
        "care-plan": docfactory.care_plan(folder / "care-plan.docx").read_bytes(),
        "rich": _rich(folder / "rich.docx").read_bytes(),
        "minimal": _minimal(),
    }
    example = ROOT / "examples" / "care-and-support-plan.docx"
    if example.exists():
        raw["example"] = example.read_bytes()
    return {name: Package.from_bytes(data) for name, data in raw.items()}
