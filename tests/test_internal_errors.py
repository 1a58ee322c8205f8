"""Item 15 of issue 13: a bug is one line on stderr and exit 2, never a traceback or exit 1 ("findings")."""

import pytest

from sbp_lint import cli


def _boom(*args, **kwargs):
    raise RuntimeError("the engine fell over\nwith a second line")


def _run(monkeypatch, capsys, argv, debug: str | None = None):
    monkeypatch.setattr(cli, "run_check", _boom)
    if debug is None:
        monkeypatch.delenv("SBP_LINT_DEBUG", raising=False)
    else:
        monkeypatch.setenv("SBP_LINT_DEBUG", debug)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    return exit_info.value.code, capsys.readouterr()


def test_an_internal_error_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    code, out = _run(monkeypatch, capsys, ["check", str(tmp_path), "--no-cache"])
    assert code == 2
    assert out.err == ("sbp-lint: internal error: RuntimeError: the engine fell over with a second line "
                       "(run with SBP_LINT_DEBUG=1 for the traceback)\n")
    assert "Traceback" not in out.err and out.out == ""


def test_sbp_lint_debug_prints_the_traceback(monkeypatch, capsys, tmp_path):
    code, out = _run(monkeypatch, capsys, ["check", str(tmp_path), "--no-cache"], debug="1")
    assert code == 2
    assert "Traceback (most recent call last)" in out.err and "_boom" in out.err
    assert out.err.rstrip().endswith("(run with SBP_LINT_DEBUG=1 for the traceback)")


def test_usage_errors_keep_their_own_message(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check"])
    assert exit_info.value.code == 2
    assert "internal error" not in capsys.readouterr().err
