"""JUnit XML, as GitLab and Jenkins test reports read it.

One ``<testsuite>`` per file, one failing ``<testcase>`` per finding (named by
rule and position, so names stay unique), a passing case for a clean file and
an ``<error>`` case for a file that could not be read.
"""

from __future__ import annotations

import functools
import re
from typing import TextIO
from xml.etree import ElementTree as ET

from ..findings import FileResult, Finding
from .common import message_text, relative_path

CLEAN_CASE = "no findings"


@functools.cache
def _not_xml() -> re.Pattern:
    """Characters XML 1.0 cannot hold at all (a document may contain stray control characters). Compiled
    when a JUnit report is first written: its Unicode ranges take 25 ms to compile, which every other run
    would pay at start-up."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(element: ET.Element) -> None:
    not_xml = _not_xml()
    for node in element.iter():
        if node.text:
            node.text = not_xml.sub("\ufffd", node.text)
        for key, value in node.attrib.items():
            node.set(key, not_xml.sub("\ufffd", value))


def _case_name(finding: Finding, used: set[str]) -> str:
    name = f"{finding.rule} line {finding.line}, column {finding.column}"
    unique, n = name, 1
    while unique in used:  # GitLab drops test cases with duplicate names
        n += 1
        unique = f"{name} ({n})"
    used.add(unique)
    return unique


def _suite(result: FileResult) -> ET.Element:
    path = relative_path(result.path)
    suite = ET.Element("testsuite", name=path, file=path)
    failures = errors = 0
    if result.error:
        case = ET.SubElement(suite, "testcase", name="read the file", classname=path, file=path)
        ET.SubElement(case, "error", message=result.error).text = f"{path}: {result.error}"
        errors = 1
    elif not result.findings:
        ET.SubElement(suite, "testcase", name=CLEAN_CASE, classname=path, file=path)
    used: set[str] = set()
    for finding in result.findings:
        case = ET.SubElement(suite, "testcase", name=_case_name(finding, used), classname=path,
                             file=path, line=str(finding.line))
        failure = ET.SubElement(case, "failure", message=message_text(finding), type=str(finding.severity))
        body = [f"{path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule}", message_text(finding)]
        if finding.sentence:
            body.append(" ".join(finding.sentence.split()))
        failure.text = "\n".join(body)
        failures += 1
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return suite


def as_element(results: list[FileResult]) -> ET.Element:
    root = ET.Element("testsuites", name="sbp-lint")
    for result in results:
        root.append(_suite(result))
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    return root


def report(results, rules, out: TextIO) -> None:
    root = as_element(results)
    _clean(root)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
