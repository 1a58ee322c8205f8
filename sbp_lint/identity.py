"""Stable identities for findings that survive lines moving.

A finding is identified by its rule and a hash of the sentence it sits in (not
its line), plus how many times that pair has already occurred in the file. So
adding a paragraph above a finding keeps its identity; editing its sentence
gives it a new one. SARIF ``primaryLocationLineHash``, GitLab fingerprints and
baselines all use this. Only hashes leave the process, never the sentence.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from .findings import Finding

HASH_LENGTH = 16  # hex digits: 64 bits, the shape codeql-action uses ("39fa2ee980eb94b0:1")


def normalise(sentence: str) -> str:
    """Case and spacing do not change a sentence's identity (re-wrapped paragraphs, CRLF)."""
    return " ".join(sentence.split()).casefold()


def sentence_hash(rule: str, sentence: str) -> str:
    digest = hashlib.sha256(f"{rule}\0{normalise(sentence)}".encode("utf-8")).hexdigest()
    return digest[:HASH_LENGTH]


def finding_hash(finding: Finding) -> str:
    if "sentence_hash" in finding.details:  # redacted: the hash was taken from the real sentence
        return finding.details["sentence_hash"]
    # Document-level findings may have no sentence; their flagged text (or message) stands in.
    return sentence_hash(finding.rule, finding.sentence or finding.text or finding.message)


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """``hash:occurrence`` for each finding of one file, in order (occurrence counts from 1)."""
    seen: dict[str, int] = {}
    result = []
    for finding in findings:
        key = finding_hash(finding)
        seen[key] = seen.get(key, 0) + 1
        result.append(f"{key}:{seen[key]}")
    return result
