"""Structure-aware mutations of .docx files: at the XML level, the zip-member level and the raw-byte level.

A .docx is a zip of XML parts, so flipping random bytes mostly produces a CRC
error and tests nothing past ``zipfile``. These mutators instead change the
document the way a broken writer, a half-finished download or an attacker
would: they edit ``word/document.xml`` (and the header, footer, notes and
styles parts) as XML, re-zip it with valid checksums, and only then, for some
inputs, damage the zip's own structure (sizes, methods, offsets, flags).

Every mutation draws from a ``random.Random`` it is given, so an input is a
pure function of (seed, index) and any run can be replayed.
"""

from __future__ import annotations

import copy
import io
import random
import re
import struct
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # so the same members always give the same bytes

# For editing parts: the fuzzer itself must survive what it makes (deep trees), and must never expand entities.
_EDIT_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Member:
    name: str
    data: bytes
    method: int = zipfile.ZIP_DEFLATED


@dataclass
class Package:
    """A .docx as a list of members, in order (duplicates allowed: that is one of the mutations)."""

    members: list[Member]
    ops: list[str] = field(default_factory=list)  # what was done, for the crash report

    @classmethod
    def from_bytes(cls, data: bytes) -> "Package":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return cls([Member(i.filename, archive.read(i), i.compress_type) for i in archive.infolist()])

    def copy(self) -> "Package":
        return Package([Member(m.name, m.data, m.method) for m in self.members], list(self.ops))

    def xml_members(self) -> list[Member]:
        return [m for m in self.members if m.name.endswith(".xml") or m.name.endswith(".rels")]

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name": intended
            with zipfile.ZipFile(out, "w", compresslevel=1) as archive:
                for member in self.members:
                    info = zipfile.ZipInfo(member.name, date_time=FIXED_DATE)
                    info.compress_type = member.method
                    archive.writestr(info, member.data)
        return out.getvalue()


# -- XML-level mutations (on one part's tree) ----------------------------------------------

ODD_TEXT = [
    "", " ", "\u00a0", "\t", "\u200b\u200d\u200c", "\ufeff", "\u2028\u2029", "\u202e\u202d", "\u0645\u0631\u062d\u0628\u0627",
    "\u05e9\u05dc\u05d5\u05dd", "e\u0301\u0301\u0301\u0301\u0301", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
    "\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F", "ŵŷ Siôn", "\ufffd",
    "A" * 5000, "word " * 3000, ". " * 2000, "\"" * 500, "“quoted ” ‘’", "&amp;&lt;", "<!-- -->", "\r\n\r", "\x85",
    "Mrs Jones suffers from dementia and is wheelchair-bound.", "She is non-compliant. I want to go home.",
    "# not a heading", "<!-- sbp-lint: disable -->", "\U00010000\U0010FFFD", "\u0301", "i\u0307",
]
ODD_VALUES = ["", " ", "-1", "0", "9", "10", "99999999999999999999", "1e3", "NaN", "\u0661", "Heading1", "heading 1",
              "Heading 9", "Title", "Quote", "IntenseQuote", "a" * 3000, "None", "separator", "continuationSeparator",
              "normal", "HEADING2", "heading\u00a01", "\U0001F600"]
# Elements the reader treats specially: inserting them where they do not belong tests its assumptions.
VOCABULARY = ["p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent", "sdtPr", "showingPlcHdr", "ins", "del", "moveTo",
              "moveFrom", "delText", "instrText", "customXml", "txbxContent", "tab", "br", "cr", "noBreakHyphen",
              "pPr", "pStyle", "outlineLvl", "numPr", "hyperlink", "fldSimple", "smartTag", "body", "footnote",
              "endnote", "style", "name", "basedOn", "drawing", "footnoteReference"]
NEST_DEPTHS = [5, 50, 200, 255, 300, 1000, 3000]
NEST_WRAPPERS = [("sdt", "sdtContent"), ("tbl", "tr", "tc"), ("ins",), ("customXml",), ("r",), ("hyperlink",),
                 ("txbxContent",), ("p",), ("moveTo",), ("sdtContent",)]


def _pick(rng: random.Random, root):
    """A random element of the tree (XPath in C: building a Python list of a 10,000-deep tree is slow)."""
    count = int(root.xpath("count(descendant-or-self::*)"))
    return root.xpath("(descendant-or-self::*)[$n]", n=rng.randint(1, count))[0] if count else root


def _new(rng: random.Random, root):
    tag = rng.choice(VOCABULARY)
    element = etree.Element(w(tag))
    if tag in ("t", "delText", "instrText"):
        element.text = rng.choice(ODD_TEXT)
    elif tag in ("pStyle", "outlineLvl"):
        element.set(w("val"), rng.choice(ODD_VALUES))
    elif tag == "p" and rng.random() < 0.7:
        run = etree.SubElement(element, w("r"))
        etree.SubElement(run, w("t")).text = rng.choice(ODD_TEXT)
    return element


def x_delete(rng, root):
    element = _pick(rng, root)
    if element.getparent() is not None:
        element.getparent().remove(element)
    return "delete"


def x_duplicate(rng, root):
    element = _pick(rng, root)
    parent = element.getparent()
    if parent is not None:
        for _ in range(rng.choice([1, 1, 2, 10, 500])):
            parent.insert(parent.index(element), copy.deepcopy(element))
    return "duplicate"


def x_move(rng, root):
    """Put an element inside another one (a paragraph in a run, a table in a text node's parent...)."""
    element, target = _pick(rng, root), _pick(rng, root)
    if element is root or element.getparent() is None:
        return "move(no-op)"
    if target is element or element in target.iterancestors():
        return "move(no-op)"
    target.insert(rng.randint(0, len(target)), element)
    return "move"


def x_insert(rng, root):
    target = _pick(rng, root)
    target.insert(rng.randint(0, len(target)), _new(rng, root))
    return "insert"


def x_nest(rng, root):
    """Wrap an element in hundreds or thousands of levels of one container (deep recursion in readers)."""
    element = _pick(rng, root)
    parent = element.getparent()
    if parent is None:
        return "nest(no-op)"
    depth = rng.choice(NEST_DEPTHS)
    wrapper = rng.choice(NEST_WRAPPERS)
    index = parent.index(element)
    outer = current = etree.Element(w(wrapper[0]))
    for level in range(depth * len(wrapper) - 1):
        current = etree.SubElement(current, w(wrapper[(level + 1) % len(wrapper)]))
    parent.remove(element)
    current.append(element)
    parent.insert(index, outer)
    return f"nest({'/'.join(wrapper)} x{depth})"


def x_text(rng, root):
    texts = [e for e in root.iter(w("t"), w("delText"), w("instrText"))]
    target = rng.choice(texts) if texts else _pick(rng, root)
    text = rng.choice(ODD_TEXT)
    if rng.random() < 0.3:
        text = "".join(rng.choice(ODD_TEXT) for _ in range(rng.randint(2, 20)))
    if rng.random() < 0.5:
        target.text = text
    else:
        target.tail = text
    return "text"


def x_attribute(rng, root):
    element = _pick(rng, root)
    names = list(element.attrib) or [w("val")]
    name = rng.choice(names + [w("val"), w("type"), w("styleId"), w("id"), "{http://www.w3.org/XML/1998/namespace}space"])
    element.set(name, rng.choice(ODD_VALUES))
    return "attribute"


def x_retag(rng, root):
    """Rename an element: another Word tag, no namespace, or a foreign namespace."""
    element = _pick(rng, root)
    choice = rng.random()
    local = etree.QName(element).localname
    if choice < 0.5:
        element.tag = w(rng.choice(VOCABULARY))
    elif choice < 0.75:
        element.tag = local
    else:
        element.tag = f"{{{rng.choice([MC, 'urn:x-fuzz', W + '/'])}}}{local}"
    return "retag"


def x_comment(rng, root):
    target = _pick(rng, root)
    node = rng.choice([etree.Comment(" a comment "), etree.ProcessingInstruction("fuzz", "x=1"),
                       etree.Entity("amp")])
    target.insert(rng.randint(0, len(target)), node)
    return "comment/pi/entity"


def x_many(rng, root):
    """Tens of thousands of paragraphs, runs or table cells: time, not memory."""
    target = _pick(rng, root)
    count = rng.choice([1_000, 10_000, 50_000])
    tag = rng.choice(["p", "r", "t", "tab", "tc", "tbl"])
    for _ in range(count):
        element = etree.SubElement(target, w(tag))
        if tag == "t":
            element.text = "x"
    return f"many({tag} x{count})"


XML_MUTATIONS: list[Callable] = [x_delete, x_duplicate, x_move, x_insert, x_nest, x_text, x_attribute, x_retag,
                                 x_comment, x_many]
XML_WEIGHTS = [10, 8, 8, 10, 4, 10, 8, 5, 3, 1]


# -- byte-level mutations of one XML part ----------------------------------------------------

ENTITY_PROLOGS = [
    # billion laughs
    '<!DOCTYPE d [<!ENTITY a "lollollollol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>",
    # quadratic blow-up: one big entity used many times
    '<!DOCTYPE d [<!ENTITY a "' + "x" * 50_000 + '">]>',
    # external entities: a local file and a network resource
    '<!DOCTYPE d [<!ENTITY a SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE d [<!ENTITY a SYSTEM "http://127.0.0.1:9/x">]>',
    '<!DOCTYPE d SYSTEM "http://127.0.0.1:9/x.dtd">',
    '<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    '<!DOCTYPE d [<!ENTITY a "&#60;w:p/&#62;">]>',
]
ENTITY_REFS = ["&a;", "&j;", "&a;" * 1000, "&undefined;", "&#0;", "&#xD800;", "&#x10FFFF;", "&#1114112;", "&lt;"]


def _declaration_end(data: bytes) -> int:
    return data.index(b"?>") + 2 if data.startswith(b"<?xml") and b"?>" in data[:200] else 0


def b_entities(rng, data: bytes) -> tuple[bytes, str]:
    at = _declaration_end(data)
    prolog = rng.choice(ENTITY_PROLOGS).encode()
    body = data[at:]
    ref = rng.choice(ENTITY_REFS).encode()
    marker = body.find(b"<w:t", rng.randrange(max(len(body), 1)))
    if marker >= 0 and body.find(b">", marker) > 0:
        close = body.find(b">", marker) + 1
        body = body[:close] + ref + body[close:]
    else:
        body = body.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>" + ref + b"</w:t></w:r></w:p>", 1)
    return data[:at] + prolog + body, "entities"


def b_encoding(rng, data: bytes) -> tuple[bytes, str]:
    at = _declaration_end(data)
    body = data[at:]
    choice = rng.randrange(5)
    if choice == 0:
        return b'<?xml version="1.0" encoding="UTF-16"?>' + body, "encoding(declared utf-16)"
    if choice == 1:
        return b'<?xml version="1.0" encoding="x-no-such-charset"?>' + body, "encoding(unknown)"
    if choice == 2:
        return "\ufeff".encode("utf-16-le") + data.decode("utf-8", "replace").encode("utf-16-le"), "encoding(utf-16 bom)"
    if choice == 3:
        return b'<?xml version="1.0" encoding="ISO-8859-1"?>' + body, "encoding(latin-1)"
    return b'<?xml version="1.1"?>' + body, "encoding(xml 1.1)"


def b_bytes(rng, data: bytes) -> tuple[bytes, str]:
    """Bytes no XML text may hold: invalid UTF-8, NUL, C0 controls, stray markup."""
    junk = rng.choice([b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\x01\x02\x1b", b"<", b"&", b"]]>", b"</w:p>",
                       b"<w:p>", b"\"'", b"<![CDATA[x]]>", b"<?pi?>", b"<!--", b"\xef\xbf\xbe"])
    at = rng.randrange(len(data) + 1)
    return data[:at] + junk + data[at:], "bytes"


def b_truncate(rng, data: bytes) -> tuple[bytes, str]:
    return data[: rng.randrange(len(data) + 1)], "truncate-xml"


_WORDS = ("the service user she he was is to and of in with care plan support home daughter son family "
          "wants would like walk shop cook meals morning evening visit weekly suffers from dementia Mrs Jones "
          "Mr Roberts Gwenllian Carys Bangor Cymraeg day centre tablets medication capacity").split()


def _random_text(megabytes: int, paragraphs: bool) -> bytes:
    """Text that compresses about as well as real prose (so it passes the zip-bomb ratio check), 1 MB repeated."""
    rng = random.Random(megabytes)
    chunk = []
    size = 0
    while size < 1024 * 1024:
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 14))) + ". "
        piece = f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>" if paragraphs else words
        chunk.append(piece)
        size += len(piece)
    return "".join(chunk).encode() * megabytes


def b_huge(rng, data: bytes) -> tuple[bytes, str]:
    """A part as big as the reader allows: one enormous text node, attribute, or a million paragraphs."""
    megabytes = rng.choice([1, 8, 30, 60])
    kind = rng.randrange(3)
    if kind == 0:
        insert = b"<w:p><w:r><w:t>" + _random_text(megabytes, False) + b"</w:t></w:r></w:p>"
    elif kind == 1:
        insert = b'<w:p w:rsidR="' + _random_text(megabytes, False) + b'"/>'
    else:
        insert = _random_text(megabytes, True)
    return data.replace(b"<w:body>", b"<w:body>" + insert, 1), f"huge({kind}, {megabytes} MB)"


def b_deep_text(rng, data: bytes) -> tuple[bytes, str]:
    """Nesting written as text, beyond what the editing parser would build (libxml2's depth limit)."""
    depth = rng.choice([256, 257, 2048, 10_000, 100_000])
    tag = rng.choice([b"w:sdtContent", b"w:r", b"w:ins", b"w:p"])
    insert = (b"<" + tag + b">") * depth + b"<w:t>deep</w:t>" + (b"</" + tag + b">") * depth
    return data.replace(b"<w:body>", b"<w:body><w:p>" + insert + b"</w:p>", 1), f"deep-text({tag.decode()} x{depth})"


BYTE_MUTATIONS = [b_entities, b_encoding, b_bytes, b_truncate, b_huge, b_deep_text]
BYTE_WEIGHTS = [4, 2, 5, 3, 1, 1]


# -- member-level mutations (the list of zip parts) --------------------------------------------

PART_NAMES = ["word/document.xml", "word/styles.xml", "word/header1.xml", "word/header99999999999999999999.xml",
              "word/footer1.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml", "[Content_Types].xml"]


def m_drop(rng, package: Package) -> str:
    if package.members:
        victim = package.members.pop(rng.randrange(len(package.members)))
        return f"drop({victim.name})"
    return "drop(no-op)"


def m_duplicate(rng, package: Package) -> str:
    if not package.members:
        return "duplicate-member(no-op)"
    member = rng.choice(package.members)
    other = rng.choice(package.members)
    package.members.insert(rng.randrange(len(package.members) + 1), Member(member.name, other.data, member.method))
    return f"duplicate-member({member.name})"


def m_rename(rng, package: Package) -> str:
    if not package.members:
        return "rename(no-op)"
    member = rng.choice(package.members)
    new = rng.choice(PART_NAMES + [member.name.upper(), "/" + member.name, member.name.replace("/", "\\"),
                                   member.name + "/", "../" + member.name, member.name + "\n.xml",
                                   "word/header1.xml\nforged line", "w" * 60_000, "word/\udcff.xml"])
    try:
        new.encode("utf-8")
    except UnicodeEncodeError:
        new = "word/\u00ff.xml"
    member.name = new
    return f"rename({new[:40]!r})"


def m_swap(rng, package: Package) -> str:
    """One part's content under another part's name (styles as the document, a header as notes...)."""
    if len(package.members) < 2:
        return "swap(no-op)"
    a, b = rng.sample(package.members, 2)
    a.data, b.data = b.data, a.data
    return f"swap({a.name}, {b.name})"


def m_method(rng, package: Package) -> str:
    if not package.members:
        return "method(no-op)"
    member = rng.choice(package.members)
    member.method = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
    return f"method({member.name}, {member.method})"


def m_empty(rng, package: Package) -> str:
    if not package.members:
        return "empty(no-op)"
    member = rng.choice(package.members)
    member.data = rng.choice([b"", b" ", b"\n", b"<", b"<?xml version='1.0'?>", b"\xef\xbb\xbf"])
    return f"empty({member.name})"


def m_many_parts(rng, package: Package) -> str:
    """Thousands of headers (each parsed), or more parts than the reader accepts."""
    count = rng.choice([100, 2_000, 10_001])
    kind = rng.choice(["header", "footer", "junk"])
    header = (f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>Header text</w:t></w:r></w:p></w:hdr>').encode()
    for i in range(count):
        name = f"word/{kind}{i}.xml" if kind != "junk" else f"junk/{i}"
        package.members.append(Member(name, header if kind != "junk" else b"", zipfile.ZIP_STORED))
    return f"many-parts({kind} x{count})"


def m_bomb(rng, package: Package) -> str:
    """A part that unpacks to far more than it weighs (within or over the limits)."""
    size = rng.choice([1, 5, 63, 65, 210]) * 1024 * 1024
    name = rng.choice(PART_NAMES)
    data = b"<w:t>" + b"\0" * (size - 11) + b"</w:t>" if rng.random() < 0.5 else b" " * size
    package.members.append(Member(name, data, zipfile.ZIP_DEFLATED))
    return f"bomb({name}, {size >> 20} MB)"


MEMBER_MUTATIONS = [m_drop, m_duplicate, m_rename, m_swap, m_method, m_empty, m_many_parts, m_bomb]
MEMBER_WEIGHTS = [4, 4, 4, 3, 3, 3, 1, 1]


# -- raw zip-structure mutations (after zipping) -----------------------------------------------

# (signature, {field: (offset, size)}) for local headers, central directory entries and the end record.
_RECORDS = {
    b"PK\x03\x04": {"flags": (6, 2), "method": (8, 2), "crc": (14, 4), "csize": (18, 4), "usize": (22, 4),
                    "namelen": (26, 2), "extralen": (28, 2)},
    b"PK\x01\x02": {"flags": (8, 2), "method": (10, 2), "crc": (16, 4), "csize": (20, 4), "usize": (24, 4),
                    "namelen": (28, 2), "extralen": (30, 2), "commentlen": (32, 2), "disk": (34, 2), "offset": (42, 4)},
    b"PK\x05\x06": {"disk": (4, 2), "cddisk": (6, 2), "entries_disk": (8, 2), "entries": (10, 2), "cdsize": (12, 4),
                    "cdoffset": (16, 4), "commentlen": (20, 2)},
}


def _interesting(rng, size: int, old: int) -> int:
    top = (1 << (8 * size)) - 1
    return rng.choice([0, 1, top, top >> 1, old + 1, max(old - 1, 0), old * 2 & top, rng.randrange(top + 1),
                       0x7FFFFFFF & top, 99, 12, 14, 8, 0x0001, 0x0008, 0x0800, 0x0041])


def r_field(rng, data: bytearray) -> str:
    """Set one header field (sizes, method, flags, offsets, counts) to an interesting value."""
    signature = rng.choice(list(_RECORDS))
    where = [m.start() for m in re.finditer(re.escape(signature), data)]
    if not where:
        return "field(no-op)"
    at = rng.choice(where)
    name, (offset, size) = rng.choice(list(_RECORDS[signature].items()))
    if at + offset + size > len(data):
        return "field(no-op)"
    fmt = "<H" if size == 2 else "<I"
    old = struct.unpack_from(fmt, data, at + offset)[0]
    new = _interesting(rng, size, old)
    struct.pack_into(fmt, data, at + offset, new)
    return f"field({signature[2:].hex()}.{name} {old}->{new})"


def r_flip(rng, data: bytearray) -> str:
    for _ in range(rng.choice([1, 2, 8, 64])):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return "flip"


def r_truncate(rng, data: bytearray) -> str:
    cut = rng.randrange(len(data) + 1)
    del data[cut:]
    return f"truncate({cut})"


def r_splice(rng, data: bytearray) -> str:
    """Delete, repeat or insert junk at a random place (shifts every offset after it)."""
    if not data:
        return "splice(no-op)"
    at = rng.randrange(len(data))
    length = rng.choice([1, 4, 30, 1000])
    kind = rng.randrange(3)
    if kind == 0:
        del data[at:at + length]
    elif kind == 1:
        data[at:at] = data[at:at + length]
    else:
        data[at:at] = bytes(rng.randrange(256) for _ in range(length))
    return f"splice({kind})"


def r_wrap(rng, data: bytearray) -> str:
    """Junk before the zip (a self-extractor) or after it (a trailing comment)."""
    junk = rng.choice([b"MZ" + b"\0" * 100, b"PK\x05\x06" + b"\0" * 18, b"x" * 70_000, b"PK\x03\x04"])
    if rng.random() < 0.5:
        data[0:0] = junk
    else:
        data.extend(junk)
    return "wrap"


RAW_MUTATIONS = [r_field, r_flip, r_truncate, r_splice, r_wrap]
RAW_WEIGHTS = [8, 3, 2, 2, 1]


# -- one input -----------------------------------------------------------------------------------

def _parse(data: bytes):
    try:
        return etree.fromstring(data, _EDIT_PARSER)
    except etree.XMLSyntaxError:
        return None


def mutate_package(rng: random.Random, package: Package) -> tuple[bytes, list[str]]:
    """Mutated .docx bytes from a seed package, and the list of what was done (for the crash report)."""
    package = package.copy()
    targets = package.xml_members()
    document = [m for m in targets if m.name == "word/document.xml"]
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
        member = document[0] if document and rng.random() < 0.7 else (rng.choice(targets) if targets else None)
        if member is None:
            break
        if rng.random() < 0.75:
            root = _parse(member.data)
            if root is None:
                continue
            try:
                op = rng.choices(XML_MUTATIONS, XML_WEIGHTS)[0](rng, root)
                member.data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            except ValueError:  # lxml refused the edit (text XML cannot hold): no input to make from it
                continue
        else:
            member.data, op = rng.choices(BYTE_MUTATIONS, BYTE_WEIGHTS)[0](rng, member.data)
        package.ops.append(f"{member.name}:{op}")
    if rng.random() < 0.35:
        for _ in range(rng.choice([1, 1, 2])):
            package.ops.append(rng.choices(MEMBER_MUTATIONS, MEMBER_WEIGHTS)[0](rng, package))
    data = bytearray(package.to_bytes())
    if rng.random() < 0.3:
        for _ in range(rng.choice([1, 1, 2, 3])):
            package.ops.append(rng.choices(RAW_MUTATIONS, RAW_WEIGHTS)[0](rng, data))
    return bytes(data), package.ops
