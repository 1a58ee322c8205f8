"""Rule packs: YAML files under ``rules/``, one pack per concern, validated on load.

Rules are data. Each carries its message, why, suggestions and its own flag/pass
examples; a broken pack fails with the file, the line and what is wrong.
``model`` holds what a rule is, ``kinds`` what each kind of rule reads and compiles
into, ``loader`` the YAML, ``templates`` the messages and ``docs`` the rule docs.
"""

from .kinds import KINDS, CheckSpec, DependencySpec, PatternSpec, PhraseSpec
from .loader import SCOPES, builtin_rules_dir, load_pack_dir, load_pack_file, load_packs
from .model import Example, Exceptions, Pack, Rule, selects

__all__ = ["KINDS", "SCOPES", "CheckSpec", "DependencySpec", "Example", "Exceptions", "Pack", "PatternSpec",
           "PhraseSpec", "Rule", "builtin_rules_dir", "load_pack_dir", "load_pack_file", "load_packs", "selects"]
