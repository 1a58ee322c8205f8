"""``python -m sbp_lint``: the same as the ``sbp-lint`` command."""

from .cli import main

main()
