"""The versioned JSON contract (version 1) that CI gates and other tools read."""

from __future__ import annotations

from typing import TextIO

from .. import fastjson

from .summary import summary

JSON_VERSION = 1


def as_dict(results, rules=()) -> dict:

    files = []
    for result in results:
        entry = {"path": result.path, "error": result.error, "findings": [f.to_json() for f in result.findings]}
        if result.encoding:
            entry["encoding"] = result.encoding
        if result.audience is not None:
            entry["audience"] = result.audience.value  # adult | child | unknown
        if result.kind is not None:
            entry["kind"] = result.kind  # care_and_support_plan | signs_of_safety | assessment | ... | unknown
        if result.profile is not None:
            entry["profile"] = dict(result.profile)  # words, strengths, own_words, outcomes, ... (integers)
        files.append(entry)
    return {"version": JSON_VERSION, "files": files, "summary": summary(results)}


def report(results, rules, out: TextIO) -> None:
    out.write(fastjson.dumps_indented(as_dict(results, rules)))  # strict JSON: never NaN
    out.write("\n")
