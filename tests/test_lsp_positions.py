"""Finding positions (1-based characters) to LSP positions (0-based, UTF-16 by default) and back."""

import pytest

from sbp_lint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, Position, apply_change, code_units


def test_astral_characters_before_the_span_count_two_utf16_units_each():
    text = "Mr Jones 😀 𝒜 suffers from dementia.\n"
    column = text.index("suffers") + 1  # a Finding's column: characters, 1-based
    start, end = LineIndex(text).finding_range(1, column, 1, column + len("suffers from"))
    # "Mr Jones " is 9 units, 😀 and 𝒜 are 2 each, two spaces: "suffers" starts at unit 15.
    assert start == Position(0, 15)
    assert end == Position(0, 27)


@pytest.mark.parametrize("encoding, expected", [(UTF16, 15), (UTF8, 19), (UTF32, 13)])
def test_each_negotiated_encoding_counts_its_own_units(encoding, expected):
    text = "Mr Jones 😀 𝒜 suffers"
    start, _ = LineIndex(text).finding_range(1, text.index("suffers") + 1, 1, len(text) + 1, encoding)
    assert start.character == expected


def test_crlf_line_endings_are_one_line_break():
    text = "# Notes\r\n\r\nShe refuses care.\r\nHe is a service user.\r\n"
    index = LineIndex(text)
    assert index.line_count == 5
    start, end = index.finding_range(4, 9, 4, 21)
    assert (start, end) == (Position(3, 8), Position(3, 20))
    assert index.line_text(3) == "He is a service user."


def test_a_span_across_lines_ends_on_its_own_line():
    text = "She is a service\r\nuser who 😀 likes walks.\n"
    start, end = LineIndex(text).finding_range(1, 10, 2, 5)
    assert start == Position(0, 9)
    assert end == Position(1, 4)


def test_form_feeds_and_line_separators_do_not_end_lines():
    # Word's line break (vertical tab), a form feed and U+2028 stay inside the line, as in editors.
    text = "One\x0btwo\x0cthree\u2028four refuses.\nNext"
    index = LineIndex(text)
    assert index.line_count == 2
    column = text.index("refuses") + 1
    assert index.finding_range(1, column, 1, column + 7)[0] == Position(0, column - 1)


def test_lsp_positions_back_to_offsets():
    text = "a😀b\r\nc"
    index = LineIndex(text)
    assert index.offset(Position(0, 3), UTF16) == text.index("b")
    assert index.offset(Position(0, 2), UTF16) == 1  # inside the surrogate pair: before the emoji
    assert index.offset(Position(0, 99), UTF16) == text.index("\r")  # past the line's end: its end
    assert index.offset(Position(1, 0)) == text.index("c")
    assert index.offset(Position(7, 0)) == len(text)
    assert index.offset(Position(0, 5), UTF8) == text.index("b")


def test_positions_and_offsets_round_trip():
    text = "Ffion 𝒜𝒜 refused.\r\n\r\n\tTab 😀\nend"
    index = LineIndex(text)
    for encoding in (UTF8, UTF16, UTF32):
        for offset in range(len(text) + 1):
            if text[offset - 1:offset + 1] == "\r\n":
                continue  # between CR and LF is not a position an editor can name
            assert index.offset(index.position(offset, encoding), encoding) == offset


def test_columns_past_the_line_are_clamped_to_it():
    index = LineIndex("short\nline two")
    assert index.finding_range(1, 3, 1, 40) == (Position(0, 2), Position(0, 5))
    assert index.finding_range(9, 1, 9, 2) == (Position(1, 8), Position(1, 8))


def test_incremental_change_after_an_emoji():
    text = "I 😀 suffer from pain.\nLine two"
    # The editor replaces "suffer from" (UTF-16 units 5..16 of line 0) with "live with".
    changed = apply_change(text, Position(0, 5), Position(0, 16), "live with")
    assert changed == "I 😀 live with pain.\nLine two"
    assert apply_change(changed, Position(1, 8), Position(1, 8), "!") == "I 😀 live with pain.\nLine two!"


def test_code_units():
    assert code_units("𝒜", UTF16) == 2 and code_units("𝒜", UTF8) == 4 and code_units("𝒜", UTF32) == 1
    assert code_units("é", UTF16) == 1 and code_units("é", UTF8) == 2
