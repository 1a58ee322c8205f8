"""The pre-commit hook, for real: the README's own configuration, git commits that fail and pass.

The consumer's ``.pre-commit-config.yaml`` is the README's snippet as written (``rev: main``), with only
the placeholder URL pointed at a local copy of this project; its commented ``args:`` advice is tried
too, and ``pre-commit autoupdate`` must turn ``main`` into a pinned commit (issue 13, item 24).

pre-commit builds the hook's environment as it would for any user: a virtualenv
with this project pip-installed from a git repository (``language: python``).
That needs the package index (reachable here and in CI); pip's cache makes
later runs quicker. The hook repository is a copy of this project's files,
committed, so the test uses the working tree, committed or not.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

PROBLEMS = """# Care and support plan

Mrs Jones suffers from arthritis. She refuses her tablets.
"""
CLEAN = """# Care and support plan

Mrs Jones lives with arthritis. She chose not to take her tablets on Tuesday because they upset her stomach.
"""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("pre-commit-home")
    environment = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
                   "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PRE_COMMIT_COLOR": "never"}
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", "")])
    environment.pop("VIRTUAL_ENV", None)
    return environment


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """This project as a hook repository, committed at one revision."""
    repo = tmp_path_factory.mktemp("sbp-lint-hook")
    for name in ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, repo / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    for folder in ("sbp_lint", "rules"):
        shutil.copytree(ROOT / folder, repo / folder, ignore=ignore)
    git("init", "-q", cwd=repo, env=env)
    git("add", "-A", cwd=repo, env=env)
    committed = git("commit", "-q", "-m", "sbp-lint", cwd=repo, env=env)
    assert committed.returncode == 0, committed.stderr
    return repo, git("rev-parse", "HEAD", cwd=repo, env=env).stdout.strip()


def test_the_published_hook_is_the_one_this_test_uses():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "sbp-lint" and hook["language"] == "python" and hook["require_serial"] is True
    assert hook["entry"].split()[:2] == ["sbp-lint", "check"]
    import re

    files = re.compile(hook["files"])
    for name in ("plan.md", "plan.markdown", "notes.txt", "page.html", "page.htm", "Plan.DOCX", "plan.odt"):
        assert files.search(name), name
    for name in ("script.py", "image.png", "plan.docx.bak"):
        assert not files.search(name), name


def readme_config(repo: Path) -> str:
    """The README's pre-commit snippet, as written, pointed at ``repo``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### pre-commit\n\n```yaml\n(.*?)```", readme, re.S).group(1)
    assert "https://github.com/<org>/sbp-lint" in block
    return block.replace("https://github.com/<org>/sbp-lint", repo.as_uri())


def pre_commit(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


def test_commits_fail_on_findings_and_pass_when_clean(tmp_path, hook_repo, env):
    import docx

    repo, rev = hook_repo
    consumer = tmp_path / "care-plans"
    consumer.mkdir()
    git("init", "-q", cwd=consumer, env=env)
    config = readme_config(repo)
    assert yaml.safe_load(config)["repos"][0]["rev"] == "main"
    (consumer / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=consumer, env=env,
                               capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    (consumer / "plans").mkdir()
    (consumer / "plans" / "jones.md").write_text(PROBLEMS, encoding="utf-8")
    word = docx.Document()
    word.add_paragraph("Mr Davies is a service user.")
    word.save(consumer / "plans" / "davies.docx")
    (consumer / "tool.py").write_text("# She refuses her tablets.\n", encoding="utf-8")  # not a document
    git("add", "-A", cwd=consumer, env=env)
    failed = git("commit", "-m", "Plans for Mrs Jones and Mr Davies", cwd=consumer, env=env)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "sbp-lint" in output and "Failed" in output
    assert "plans/jones.md:3:" in output and "deficit.suffers-from" in output and "deficit.refuses" in output
    assert "plans/davies.docx" in output and "label.service-user" in output  # Word files are checked too
    assert "tool.py" not in output
    assert git("rev-parse", "--verify", "-q", "HEAD", cwd=consumer, env=env).returncode != 0  # nothing was committed

    (consumer / "plans" / "jones.md").write_text(CLEAN, encoding="utf-8")
    word = docx.Document()
    word.add_paragraph("Mr Davies enjoys singing with his friends on Mondays.")
    word.save(consumer / "plans" / "davies.docx")
    git("add", "-A", cwd=consumer, env=env)
    passed = git("commit", "-m", "Plans in plain, strengths-based language", cwd=consumer, env=env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "sbp-lint" in output and "Passed" in output
    assert git("log", "--oneline", cwd=consumer, env=env).stdout.count("\n") == 1

    # The README's commented advice: with --select=deficit,label, jargon no longer blocks, deficit words still do.
    (consumer / ".pre-commit-config.yaml").write_text(config.replace("# args: ", "args: "), encoding="utf-8")
    (consumer / "notes.md").write_text("# Notes\n\nWe discussed the package of care at the MDT.\n", encoding="utf-8")
    (consumer / "plan.md").write_text(PROBLEMS, encoding="utf-8")
    jargon_only = pre_commit("run", "sbp-lint", "--files", "notes.md", cwd=consumer, env=env)
    assert jargon_only.returncode == 0, jargon_only.stdout + jargon_only.stderr
    deficit = pre_commit("run", "sbp-lint", "--files", "plan.md", cwd=consumer, env=env)
    assert deficit.returncode != 0 and "deficit.refuses" in deficit.stdout

    # `pre-commit autoupdate` pins `rev: main` to the newest commit (there is no tag).
    updated = pre_commit("autoupdate", cwd=consumer, env=env)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert yaml.safe_load((consumer / ".pre-commit-config.yaml").read_text())["repos"][0]["rev"] == rev
