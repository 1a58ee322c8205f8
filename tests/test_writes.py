"""What sbp-lint writes never loses data (issue 13, items 3, 4, 5 and 23).

Every write goes through ``atomic.write_atomic``: a symbolic link stays a link and its target is
written; owner, group and permissions stay; a file with other hard links is refused (a rename
would split them); a full disk leaves the file exactly as it was, says so, counts nothing as fixed
and exits 2. The cache never replaces a file it did not make.
"""

import errno
import io
import os
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import run_cli
from sbp_lint import atomic, cli
from sbp_lint.atomic import LinkedFileError, write_atomic
from sbp_lint.run.cache import Cache

PLAN = "# About me\n\nMrs Jones suffers from arthritis.\n"
FIXED = PLAN.replace("suffers from", "lives with")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- write_atomic, over a wide class of files ------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mode=st.integers(0o400, 0o777).map(lambda m: m | 0o600), via_link=st.booleans(), owner=st.sampled_from([None, 1234]),
       new=st.binary(max_size=300), durable=st.booleans())
def test_write_atomic_keeps_links_owner_and_mode(tmp_path_factory, mode, via_link, owner, new, durable):
    folder = tmp_path_factory.mktemp("w")
    (folder / "real").mkdir()
    target = folder / "real" / "plan.md"
    target.write_bytes(b"old text")
    os.chmod(target, mode)
    if owner is not None and IS_ROOT:
        os.chown(target, owner, owner)
    before = target.stat()
    name = folder / "link.md"
    if via_link:
        name.symlink_to(Path("real") / "plan.md")
    written = name if via_link else target

    write_atomic(written, new, durable=durable)

    assert target.read_bytes() == new
    after = target.stat()
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    if via_link:
        assert name.is_symlink() and os.readlink(name) == str(Path("real") / "plan.md")
    assert sorted(p.name for p in folder.rglob("*")) == sorted(["real", "plan.md", *(["link.md"] if via_link else [])])


def test_write_atomic_refuses_a_file_with_other_hard_links(tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("old", encoding="utf-8")
    os.link(first, second)
    with pytest.raises(LinkedFileError) as refused:
        write_atomic(first, "new")
    assert "2 hard links" in refused.value.strerror
    assert first.read_text() == second.read_text() == "old" and first.stat().st_ino == second.stat().st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_write_atomic_writes_through_a_device_instead_of_replacing_it(tmp_path):
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    write_atomic(link, "report")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and link.is_symlink()


def test_a_new_file_takes_the_mode_asked_for(tmp_path):
    write_atomic(tmp_path / "copy.docx", b"x", mode=0o640)
    assert stat.S_IMODE((tmp_path / "copy.docx").stat().st_mode) == 0o640


# -- --fix through links, and the owner --------------------------------------------------------

def test_fix_through_a_symbolic_link_fixes_the_target_and_keeps_the_link(tmp_path):
    (tmp_path / "records").mkdir()
    target = tmp_path / "records" / "plan.md"
    target.write_text(PLAN, encoding="utf-8")
    link = tmp_path / "plan.md"
    link.symlink_to(target)
    result = run_cli("check", "--no-cache", "--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED
    assert "fixed 1 problem in 1 file" in result.stderr.decode()


def test_fix_refuses_a_hard_linked_file_and_says_why(tmp_path):
    first, second = tmp_path / "plan.md", tmp_path / "copy-of-plan.md"
    first.write_text(PLAN, encoding="utf-8")
    os.link(first, second)
    result = run_cli("check", "--no-cache", "--fix", str(first))
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert f"{first}: not fixed: it has 2 hard links" in err and "the file is unchanged" in err
    assert "fixed 0 problems in 0 files" in err
    assert first.read_text() == second.read_text() == PLAN and first.stat().st_ino == second.stat().st_ino


@pytest.mark.skipif(not IS_ROOT, reason="changing a file's owner needs root")
def test_fix_as_root_keeps_the_users_ownership_and_mode(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    os.chown(plan, 1234, 2345)
    os.chmod(plan, 0o640)
    run_cli("check", "--no-cache", "--fix", str(plan))
    info = plan.stat()
    assert plan.read_text() == FIXED
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 2345, 0o640)


def test_annotate_gives_the_copy_the_originals_mode(tmp_path):
    import docx

    source = tmp_path / "plan.docx"
    word = docx.Document()
    word.add_paragraph("Mrs Jones suffers from arthritis.")
    word.save(source)
    os.chmod(source, 0o644)
    old_umask = os.umask(0o077)
    try:
        result = run_cli("annotate", str(source))
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "plan.reviewed.docx").stat().st_mode) == 0o644
    os.chmod(source, 0o600)
    assert run_cli("annotate", str(source), "--force").returncode == 0
    assert stat.S_IMODE((tmp_path / "plan.reviewed.docx").stat().st_mode) == 0o600


# -- a full disk ----------------------------------------------------------------------------

class _FullDisk(io.BytesIO):
    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_fix_on_a_full_disk_leaves_files_unchanged_counts_nothing_and_exits_2(tmp_path, monkeypatch, capsys):
    plans = [tmp_path / f"plan-{n}.md" for n in range(3)]
    for plan in plans:
        plan.write_text(PLAN, encoding="utf-8")
    real_fdopen = os.fdopen

    def full(descriptor, *args, **kwargs):
        real_fdopen(descriptor, *args, **kwargs).close()
        return _FullDisk()

    monkeypatch.setattr(atomic.os, "fdopen", full)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--no-cache", "--fix", "--jobs", "1", *map(str, plans)])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2, err
    assert all(plan.read_text(encoding="utf-8") == PLAN for plan in plans)
    assert f"{plans[0]}: not fixed: No space left on device; the file is unchanged" in err
    assert "2 more files not fixed because the disk is full; they are unchanged" in err
    assert "sbp-lint: fixed 0 problems in 0 files" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in plans)  # no temporary files left


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KB tmpfs (root only); skipped where it cannot be mounted."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_fix_on_a_real_full_disk(tiny_disk, tmp_path):
    plan = tiny_disk / "plan.md"
    original = (PLAN + "Mr Davies suffers from asthma. " * 600 + "\n")
    plan.write_text(original, encoding="utf-8")  # about 19 KB
    (tiny_disk / "filler").write_bytes(b"x" * 36 * 1024)  # and no room left for a fixed copy beside it
    result = run_cli("check", "--no-cache", "--fix", str(plan), cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert plan.read_text(encoding="utf-8") == original
    assert "not fixed: No space left on device; the file is unchanged" in err and "fixed 0 problems in 0 files" in err
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "plan.md"]


def test_report_on_a_full_disk_is_one_line_and_exit_2(tiny_disk, tmp_path):
    (tiny_disk / "filler").write_bytes(b"x" * 60 * 1024)
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN * 200, encoding="utf-8")
    result = run_cli("report", str(plan), "--html", str(tiny_disk / "report.html"), "--no-cache", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err == f"sbp-lint: error: {tiny_disk / 'report.html'}: cannot write the report: No space left on device; nothing was written\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


# -- the cache never replaces a user's file -----------------------------------------------------

def test_cache_dir_dot_keeps_the_projects_gitignore_and_backups(tmp_path):
    gitignore = "node_modules/\n*.log\n"
    (tmp_path / ".gitignore").write_text(gitignore, encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    first = run_cli("check", "plan.md", "--cache-dir", ".", "-v", cwd=tmp_path)
    second = run_cli("check", "plan.md", "--cache-dir", ".", "-v", cwd=tmp_path)
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == gitignore
    assert not (tmp_path / "CACHEDIR.TAG").exists(), "backups would skip the whole project"
    assert (tmp_path / "v1" / "CACHEDIR.TAG").is_file() and (tmp_path / "v1" / ".gitignore").read_text().endswith("*\n")
    assert "1 from the cache" in second.stderr.decode() and first.stdout == second.stdout


def test_a_new_cache_folder_is_marked_as_a_whole(tmp_path):
    cache = Cache(tmp_path / "cache", "fingerprint")
    cache._prepare()
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file() and (tmp_path / "cache" / ".gitignore").is_file()


def test_a_report_on_standard_output_to_a_full_disk_is_one_line_and_exit_2(tiny_disk, tmp_path):
    import sys

    (tiny_disk / "filler").write_bytes(b"x" * 64 * 1024)
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN * 100, encoding="utf-8")
    with open(tiny_disk / "out.txt", "wb") as out:
        done = subprocess.run([sys.executable, "-m", "sbp_lint.cli", "check", "--no-cache", str(plan)], stdout=out,
                              stderr=subprocess.PIPE, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"}, timeout=300)
    assert done.returncode == 2
    assert done.stderr.decode() == "sbp-lint: error: cannot write: No space left on device\n"
