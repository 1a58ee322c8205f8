"""`sbp-lint lsp` end to end: the real command in a child process, spoken to over stdio as an editor does.

Each server loads the language pipeline (a few seconds), so a module-scoped
server serves the tests of one editing session, in order.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lspclient import DEFAULT_CAPABILITIES, LspClient

pytest.importorskip("pygls.lsp.server", reason="the language server needs pygls 2 (pip install 'sbp-lint[lsp]')")

PLAN = "# Notes\n\nMr Jones 😀 𝒜 suffers from dementia.\nShe likes walks.\n"


def apply_edit(client: LspClient, uri: str, version: int, text_document_edit: dict) -> None:
    """Send an edit's TextEdits to the server as the editor's didChange (last first, so ranges stay valid)."""
    edits = sorted(text_document_edit["edits"], key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                   reverse=True)
    client.change(uri, version, [{"range": e["range"], "text": e["newText"]} for e in edits])


def actions_for(client: LspClient, uri: str, diagnostic: dict) -> dict[str, dict]:
    found = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}})
    return {action["title"]: action for action in found}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    client = LspClient(cwd=root)
    result = client.initialize(root)
    yield client, root, result
    client.close()


def test_initialize_says_what_the_server_does(session):
    _, _, result = session
    capabilities = result["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert capabilities["hoverProvider"] is True
    assert result["serverInfo"]["name"] == "sbp-lint"


def test_open_publishes_diagnostics_in_utf16_units(session):
    client, root, _ = session
    uri = (root / "plan.md").as_uri()
    client.open(uri, PLAN)
    (diagnostic,) = client.diagnostics(uri, version=1)
    assert diagnostic["code"] == "deficit.suffers-from"
    assert diagnostic["source"] == "sbp-lint"
    assert diagnostic["severity"] == 2  # warning
    # "Mr Jones " is 9 UTF-16 units, 😀 and 𝒜 two each, then two spaces.
    assert diagnostic["range"] == {"start": {"line": 2, "character": 15}, "end": {"line": 2, "character": 27}}
    assert "Try: has; lives with" in diagnostic["message"]


def test_hover_over_the_flagged_words_explains_the_rule(session):
    client, root, _ = session
    hover = client.request("textDocument/hover", {"textDocument": {"uri": (root / "plan.md").as_uri()},
                                                  "position": {"line": 2, "character": 20}})
    text = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert "deficit.suffers-from" in text and "**Why:**" in text and "**Better:** Mrs Jones lives with arthritis" in text
    assert client.request("textDocument/hover", {"textDocument": {"uri": (root / "plan.md").as_uri()},
                                                 "position": {"line": 3, "character": 2}}) is None


def test_the_quick_fix_edit_clears_the_diagnostic(session):
    client, root, _ = session
    uri = (root / "plan.md").as_uri()
    (diagnostic,) = client.published[uri]["diagnostics"]
    actions = actions_for(client, uri, diagnostic)
    assert set(actions) == {"Replace 'suffers from' with 'lives with'",
                            "Rewrite the sentence: Mr Jones 😀 𝒜 lives with dementia.",  # the safe rewrite (issue 14)
                            "Add 'suffers from' to the allow list in .sbp-lint.yaml",
                            "Disable deficit.suffers-from for this line"}
    fix = actions["Replace 'suffers from' with 'lives with'"]
    assert fix["isPreferred"] is True
    (document_edit,) = fix["edit"]["documentChanges"]
    assert document_edit["textDocument"] == {"uri": uri, "version": 1}
    assert document_edit["edits"] == [{"range": diagnostic["range"], "newText": "lives with"}]
    apply_edit(client, uri, 2, document_edit)
    assert client.diagnostics(uri, version=2) == []
    # The diagnostic the client still holds no longer fits the text: no edit is offered for it.
    assert actions_for(client, uri, diagnostic) == {}


def test_rapid_changes_end_with_the_last_versions_diagnostics(session):
    client, root, _ = session
    uri = (root / "plan.md").as_uri()
    client.change(uri, 100, [{"text": PLAN}])
    client.change(uri, 101, [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
                              "text": "He refuses care. "}])
    client.change(uri, 102, [{"range": {"start": {"line": 2, "character": 15}, "end": {"line": 2, "character": 27}},
                              "text": "lives with"}])
    diagnostics = client.diagnostics(uri, version=102)
    assert [(d["code"], d["range"]["start"]) for d in diagnostics] == [("deficit.refuses", {"line": 3, "character": 3})]


def test_disable_for_this_line_inserts_the_comment_above(session):
    client, root, _ = session
    uri = (root / "plan.md").as_uri()
    client.change(uri, 103, [{"text": "# Notes\n\n- She refuses care.\n"}])
    (diagnostic,) = client.diagnostics(uri, version=103)
    action = actions_for(client, uri, diagnostic)["Disable deficit.refuses for this line"]
    (document_edit,) = action["edit"]["documentChanges"]
    assert document_edit["edits"] == [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
                                       "newText": "<!-- sbp-lint disable-next-line deficit.refuses -->\n"}]
    apply_edit(client, uri, 104, document_edit)
    assert client.diagnostics(uri, version=104) == []


def test_plain_text_is_checked_without_a_disable_comment_and_other_languages_are_not(session):
    client, root, _ = session
    python_uri, text_uri = (root / "notes.py").as_uri(), (root / "notes.txt").as_uri()
    client.open(python_uri, "# he refuses care\n", language="python")
    client.open(text_uri, "Ffion refuses care.\r\nShe has a package of care.\r\n", language="plaintext")
    diagnostics = client.diagnostics(text_uri, version=1)
    assert [(d["code"], d["range"]["start"]["line"]) for d in diagnostics] == [
        ("deficit.refuses", 0), ("jargon.package-of-care", 1)]
    titles = set(actions_for(client, text_uri, diagnostics[0]))
    assert not any(t.startswith("Disable") for t in titles) and titles
    assert client.request("textDocument/codeAction", {
        "textDocument": {"uri": text_uri}, "range": diagnostics[0]["range"],
        "context": {"diagnostics": diagnostics, "only": ["source.organizeImports"]}}) == []
    assert not any(n["params"].get("uri") == python_uri for n in client.notifications)


def test_close_clears_the_diagnostics(session):
    client, root, _ = session
    uri = (root / "notes.txt").as_uri()
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []


def test_shutdown_then_exit_ends_the_server_with_0(session):
    client, _, _ = session
    assert client.stop() == 0


# -- the allow list and per-folder configuration -----------------------------------------

CARE_PLAN = "Mr Jones 😀 has a package of care.\n"


def test_allow_list_actions_edit_or_create_the_configuration_and_the_server_picks_it_up(tmp_path):
    own = tmp_path / "team"
    other = tmp_path / "other"
    own.mkdir(), other.mkdir()
    config = own / ".sbp-lint.yaml"
    config.write_text("# Team settings\nfail_on: error\nallow:\n  - contact   # agreed in May\n", encoding="utf-8")
    capabilities = {**DEFAULT_CAPABILITIES, "general": {"positionEncodings": ["utf-8", "utf-16"]}}
    client = LspClient(cwd=tmp_path)
    try:
        assert client.initialize(tmp_path, capabilities)["capabilities"]["positionEncoding"] == "utf-8"
        uri, other_uri = (own / "plan.md").as_uri(), (other / "plan.md").as_uri()
        client.open(uri, CARE_PLAN)
        (diagnostic,) = client.diagnostics(uri, version=1)
        # UTF-8 was agreed: "Mr Jones " 9 bytes, 😀 4, " has a " 7.
        assert diagnostic["range"]["start"] == {"line": 0, "character": 20}
        action = actions_for(client, uri, diagnostic)["Add 'package of care' to the allow list in .sbp-lint.yaml"]
        (document_edit,) = action["edit"]["documentChanges"]
        assert document_edit["textDocument"]["uri"] == config.as_uri()
        (edit,) = document_edit["edits"]
        write_edit(config, edit)
        assert config.read_text(encoding="utf-8") == (
            "# Team settings\nfail_on: error\nallow:\n  - contact   # agreed in May\n  - package of care\n")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
        assert client.diagnostics(uri, version=1) == []

        # No configuration above the other folder: the action creates one in the workspace folder.
        client.open(other_uri, CARE_PLAN)
        (diagnostic,) = client.diagnostics(other_uri, version=1)
        action = actions_for(client, other_uri, diagnostic)["Add 'package of care' to the allow list in .sbp-lint.yaml"]
        create, document_edit = action["edit"]["documentChanges"]
        created = tmp_path / ".sbp-lint.yaml"
        assert create == {"kind": "create", "uri": created.as_uri(), "options": {"ignoreIfExists": True}}
        created.touch()
        write_edit(created, document_edit["edits"][0])
        assert yaml.safe_load(created.read_text(encoding="utf-8")) == {"allow": ["package of care"]}
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": created.as_uri(), "type": 1}]})
        assert client.diagnostics(other_uri, version=1) == []
        assert client.stop() == 0
    finally:
        client.close()


def write_edit(path: Path, edit: dict) -> None:
    """Apply one TextEdit to a file, as an editor would and then save (positions here are ASCII-safe)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    before = "\n".join(lines[:start["line"]] + [lines[start["line"]][:start["character"]]]) if lines else ""
    after_line = lines[end["line"]] if end["line"] < len(lines) else ""
    after = "\n".join([after_line[end["character"]:]] + lines[end["line"] + 1:])
    path.write_text(before + edit["newText"] + after, encoding="utf-8")


def test_a_broken_configuration_is_reported_and_its_repair_noticed_without_a_file_watcher(tmp_path):
    config = tmp_path / ".sbp-lint.yaml"
    config.write_text("allow: [unclosed\n", encoding="utf-8")
    client = LspClient(cwd=tmp_path)
    try:
        # A client that cannot watch files: the server looks at configuration files itself.
        client.initialize(tmp_path, {**DEFAULT_CAPABILITIES, "workspace": {}})
        uri = (tmp_path / "plan.md").as_uri()
        client.open(uri, "She refuses care.\n")
        (diagnostic,) = client.diagnostics(uri, version=1)
        assert diagnostic["severity"] == 1 and "invalid YAML" in diagnostic["message"]
        shown = client.wait_for("window/showMessage")
        assert ".sbp-lint.yaml" in shown["message"]
        assert client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}) == []
        config.write_text("allow: [contact]\n", encoding="utf-8")
        assert [d["code"] for d in client.diagnostics(uri, version=1)] == ["deficit.refuses"]
        # Exit without shutdown: LSP asks for exit code 1.
        client.notify("exit")
        assert client.process.wait(timeout=60) == 1
    finally:
        client.close()


def test_without_pygls_the_command_says_how_to_install_it(tmp_path):
    fake = tmp_path / "pygls"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('pygls is not installed')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "sbp_lint.cli", "lsp"], capture_output=True, env=env, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines() == [
        "sbp-lint: error: the language server needs pygls 2: pip install 'sbp-lint[lsp]' (or: pip install 'pygls>=2,<3')"]


def test_the_server_works_with_internet_sockets_blocked(tmp_path):
    from test_offline import BLOCKER  # the same blocker as the command line's offline tests

    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCKER)
    client = LspClient(cwd=tmp_path, env={"PYTHONPATH": str(blocker)})
    try:
        client.initialize(tmp_path)
        uri = (tmp_path / "plan.md").as_uri()
        client.open(uri, "She refuses care.\n")
        assert [d["code"] for d in client.diagnostics(uri, version=1)] == ["deficit.refuses"]
        assert client.stop() == 0
        assert b"network access attempted" not in client.stderr
    finally:
        client.close()
