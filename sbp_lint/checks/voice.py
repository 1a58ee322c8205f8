"""Checks that judge outcome statements by their voice (whose words they are in: ``nlp.voice``)."""

from __future__ import annotations

from ..nlp.voice import VOICE_OPTIONS, Voice
from .base import Check


class VoiceCheck(Check):
    """A check that judges outcome statements by their voice: the voice options, and a ``Voice`` made from them."""

    defaults = VOICE_OPTIONS

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.voice = Voice(self.options)
