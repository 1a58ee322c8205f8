"""Opening office documents (zip files) without trusting them.

A .docx or .odt is a zip of XML parts. A hostile or broken file must give one
clear per-file error and never exhaust memory, so before any part is read:
the file is sniffed (an old .doc and an encrypted Office file are OLE compound
files, not zips), the declared sizes and compression ratios are checked (zip
bombs), and parts are then read in bounded chunks, because the declared size
can lie. XML is parsed without entities, DTDs or network access.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib

from lxml import etree

from ..errors import DocumentError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together, as declared
MAX_RATIO = 100  # uncompressed / compressed, for any part large enough to matter
RATIO_APPLIES_FROM = 1024 * 1024  # small parts may compress well (repetitive XML); they are harmless
MAX_MEMBERS = 10_000
MAX_XML_PART = 32 * 1024 * 1024  # a part parsed into a tree (a 1,000-page document.xml is about 20 MB)
# All the XML one document parses (body, headers, notes, styles). Its blocks and trees cost up to about 18 bytes of
# memory per byte of XML (a document of short paragraphs), so this keeps reading one document under about 600 MB.
MAX_XML_TOTAL = 32 * 1024 * 1024
_CHUNK = 1024 * 1024

# The same parser settings as python-docx (remove_blank_text), so the reader and
# the annotator see identical trees; no entities, no DTD, no network.
XML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, load_dtd=False,
                             no_network=True, huge_tree=False)


def article(what: str) -> str:
    """"a Word .docx file", "an OpenDocument .odt file"."""
    return "an" if what[:1].lower() in "aeiou" else "a"


def ole_kind(data: bytes) -> str | None:
    """For an OLE compound file: 'encrypted' (a password-protected Office file) or 'legacy'."""
    if not data.startswith(OLE_SIGNATURE):
        return None
    # Directory entry names are UTF-16LE; an encrypted OOXML package keeps its zip in "EncryptedPackage".
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return "encrypted"
    return "legacy"


def open_zip(data: bytes, path: str, what: str, legacy_hint: str) -> zipfile.ZipFile:
    """A checked ``ZipFile`` over ``data``; ``what`` names the format in messages (e.g. "Word .docx")."""
    kind = ole_kind(data)
    if kind == "encrypted":
        raise DocumentError("password-protected document: remove the password (File > Info > Protect) and save it again", path)
    if kind == "legacy":
        raise DocumentError(f"password-protected or an old {legacy_hint} file, not {article(what)} {what} file: save it as {what} without a password", path)
    if not data.startswith(ZIP_SIGNATURES):
        raise DocumentError(f"not {article(what)} {what} file (an old {legacy_hint}? save it as {what})", path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    # NotImplementedError: a header claims a zip version or feature Python cannot read (found by fuzzing).
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
        raise DocumentError(f"damaged {what} file (not a readable zip: {_short(exc)})", path) from None
    check_sizes(infos, path, what)
    return archive


def check_sizes(infos: list[zipfile.ZipInfo], path: str, what: str) -> None:
    """Refuse zip bombs from the declared sizes, before anything is decompressed."""
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"refused: {len(infos)} parts in one {what} file (over {MAX_MEMBERS}; a zip bomb?)", path)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise DocumentError(
            f"refused: unpacks to {total // (1024 * 1024)} MB (over the {MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MB limit; a zip bomb?)", path)
    for info in infos:
        if info.file_size >= RATIO_APPLIES_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(
                f"refused: part {part_name(info.filename)} is compressed {info.file_size // max(info.compress_size, 1)} to 1 "
                f"(over {MAX_RATIO} to 1; a zip bomb?)", path)


def read_member(archive: zipfile.ZipFile, name: str, path: str, what: str, limit: int | None = None,
                keep: bool = True) -> bytes | None:
    """A part's bytes (None if absent), read in chunks and never beyond its declared size or ``limit``."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    limit = MAX_XML_PART if limit is None else limit
    if info.file_size > limit:
        raise DocumentError(f"refused: part {part_name(name)} unpacks to {info.file_size // (1024 * 1024)} MB "
                            f"(over {limit // (1024 * 1024)} MB; a zip bomb?)", path)
    limit = info.file_size
    parts: list[bytes] = []
    got = 0
    try:
        with archive.open(info) as stream:
            while got <= limit:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                got += len(chunk)
                if keep:
                    parts.append(chunk)
    # A part's method says bzip2 or LZMA but its data is not: bz2 raises OSError, lzma LZMAError (found by fuzzing).
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, NotImplementedError, RuntimeError,
            ValueError) as exc:
        raise DocumentError(f"damaged {what} file ({part_name(name)}: {_short(exc)})", path) from None
    if got > limit:
        raise DocumentError(f"refused: part {part_name(name)} is larger than it declares (a zip bomb?)", path)
    return b"".join(parts)


class XmlBudget:
    """Counts the XML bytes one document parses, across all its parts, against ``MAX_XML_TOTAL``."""

    def __init__(self, path: str, limit: int | None = None):
        self.path = path
        self.limit = MAX_XML_TOTAL if limit is None else limit
        self.used = 0

    def take(self, raw: bytes | None) -> bytes | None:
        """``raw`` (a part about to be parsed), once it is counted; refused when the document's total is over."""
        self.used += len(raw or b"")
        if self.used > self.limit:
            raise DocumentError(f"refused: its XML parts unpack to over {self.limit // (1024 * 1024)} MB in all "
                                f"(a zip bomb?)", self.path)
        return raw


def verify_all(archive: zipfile.ZipFile, path: str, what: str) -> None:
    """Stream every part once (bounded) so a writer that reads whole parts cannot be ambushed."""
    for info in archive.infolist():
        if not info.is_dir():
            read_member(archive, info.filename, path, what, limit=MAX_TOTAL_UNCOMPRESSED, keep=False)


def parse_xml(data: bytes, name: str, path: str, what: str):
    try:
        return etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"damaged {what} file ({part_name(name)} {_xml_problem(exc)})", path) from None


def _xml_problem(exc: etree.XMLSyntaxError) -> str:
    """What is wrong with the XML, in the user's terms: libxml2's limits name a parser option
    (XML_PARSE_HUGE) that nobody running sbp-lint can set, and that would only lift a safety limit."""
    text = str(exc)
    if "Excessive depth" in text:
        return ("is nested too deeply (over 256 levels of XML): the document may be damaged, "
                "or built to attack XML readers")
    if "XML_PARSE_HUGE" in text or "Resource limit exceeded" in text or "huge" in text.lower():
        return ("holds a piece of text or markup too large for a safe XML reader (over 10 MB in one piece): "
                "the document may be damaged, or built to attack XML readers")
    return f"is not valid XML: {_short(exc)}"


def part_name(name: str) -> str:
    """A part's name fit for a one-line message: a hostile zip can name a part with line breaks or 60,000 characters."""
    shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:120] if text else type(exc).__name__)
