"""What every command that checks files shares: which configuration, rules, pipeline and files,
and how (jobs, cache). The CLI's option decorators fill a ``LintSettings``; commands build
the linter and runner from it."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..config import Config, resolve_config
from ..errors import SbpError, UsageError
from ..linter import Linter
from ..run.runner import Runner, make_runner


@dataclass
class LintSettings:
    config_file: str | None = None
    model: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int | None = None
    cache_dir: str | None = None  # None: no cache
    scheduler: str | None = None  # a Dask scheduler's address: its workers check the cache misses
    shared_path: bool = False  # with a scheduler: workers read the files at the same paths
    # Command-line values that win over the configuration file's (None: not given).
    report_unused_suppressions: bool | None = None
    redact: bool | None = None
    redact_paths: bool | None = None
    timeout: float | None = None
    force_exclude: bool | None = None

    def config(self, start: str) -> Config:
        """The configuration found from ``start`` (or --config), with this run's flags laid over it."""
        config = resolve_config(self.config_file, Path(start) if start != "-" else Path.cwd())
        for name in ("report_unused_suppressions", "redact", "redact_paths", "timeout", "force_exclude"):
            value = getattr(self, name)
            if value:
                setattr(config, name, value)
        config.redact = config.redact or config.redact_paths  # no paths without the text they would sit beside
        if self.include:
            config.include = tuple(self.include)
        if self.exclude:
            config.exclude = (*config.exclude, *self.exclude)
        return config

    def linter(self, config: Config) -> Linter:
        return Linter(config, select=self.select, ignore=self.ignore, model=self.model)

    def linter_and_runner(self, config: Config) -> tuple[Linter, Runner]:
        """The linter for this run, and a runner (cache, worker processes or a Dask cluster) around it."""
        make_cluster_runner = self._cluster()  # checked before the pipeline loads
        make_linter = functools.partial(Linter, config, select=self.select, ignore=self.ignore, model=self.model)
        linter = make_linter()
        make = make_cluster_runner or functools.partial(make_runner, jobs=self.jobs)
        return linter, make(linter, cache_dir=self.cache_dir, factory=make_linter)

    def _cluster(self):
        """--scheduler: the maker of a Dask runner; None without it."""
        if not self.scheduler:
            if self.shared_path:
                raise UsageError("--shared-path goes with --scheduler")
            return None
        if self.jobs is not None:
            raise UsageError("--jobs counts processes on this machine; with --scheduler the cluster's workers check")
        try:
            from ..run.cluster import make_dask_runner
        except ModuleNotFoundError as exc:
            if (exc.name or "").startswith("sbp_lint"):
                raise
            raise SbpError("--scheduler needs Dask: pip install 'sbp-lint[dask]'") from None
        return functools.partial(make_dask_runner, address=self.scheduler, shared_path=self.shared_path)


SETTING_NAMES = frozenset(f.name for f in fields(LintSettings))
