"""Named checks: Python for what patterns cannot express, configured from YAML.

A rule of ``kind: check`` names one of these with ``check:`` and passes ``options:``.
The registry below lists every built-in check by the name rules use.
"""

from __future__ import annotations

from ..errors import PackError
from .acronyms import Acronym
from .base import Check, Hit
from .names import UnnamedParent
from .outcomes import FirstPerson, ServiceOutcome
from .passive import Passive
from .readability import DocumentGrade, LongSentence, LongWords, SentenceGrade
from .elements import MissingElement, NoStrengths
from .structure import DecisionWithoutReason, OutcomesWithoutVoice
from .welsh import WelshFirstPerson, WelshImpersonal, WelshPassive, WelshServiceOutcome

REGISTRY: dict[str, type[Check]] = {cls.name: cls for cls in (
    FirstPerson, ServiceOutcome, Passive, LongSentence, LongWords, SentenceGrade, DocumentGrade,
    OutcomesWithoutVoice, NoStrengths, DecisionWithoutReason, MissingElement, Acronym, UnnamedParent,
    WelshFirstPerson, WelshServiceOutcome, WelshPassive, WelshImpersonal,
)}

__all__ = ["Check", "Hit", "REGISTRY", "make_check"]


def make_check(rule, nlp) -> Check:
    cls = REGISTRY.get(rule.spec.check)
    if cls is None:
        raise PackError(f"unknown check '{rule.spec.check}' (known: {', '.join(sorted(REGISTRY))})", rule.source, rule.line)
    return cls(rule, nlp)
