"""The YAML reader editors' files go through: line numbers kept, and every unreadable file explained."""
from __future__ import annotations

import pytest

from guidance.data.yamlio import LineDict, LineList, YamlProblem, decode, load_text, split_front_matter


def test_records_and_lists_remember_their_lines():
    data = load_text("# comment\n- id: a\n  pages: [x, y]\n- id: b\n  when:\n    text: t\n")
    assert isinstance(data, LineList) and data.item_lines == [2, 4]
    assert isinstance(data[0], LineDict) and data[0].line == 2 and data[0].line_of("pages") == 3
    assert data[1]["when"].line_of("text") == 6
    assert data[0]["pages"].line_of(1) == 3
    assert data == [{"id": "a", "pages": ["x", "y"]}, {"id": "b", "when": {"text": "t"}}]


def test_anchors_and_nested_lists_are_filled():
    data = load_text("a: &x [1, [2, 3]]\nb: *x\n")
    assert data["b"] == [1, [2, 3]] and data["b"][1].line == 1


def test_duplicate_key_names_both_lines():
    with pytest.raises(YamlProblem) as exc:
        load_text("id: a\ntitle: x\ntitle: y\n")
    assert exc.value.line == 3 and "first given on line 2" in exc.value.message


def test_syntax_error_has_line_and_column():
    with pytest.raises(YamlProblem) as exc:
        load_text("a: 1\nb: [unclosed\nc: 2\n")
    assert exc.value.line and exc.value.column and "YAML syntax error" in exc.value.message


def test_wrong_encoding_names_line_column_and_character():
    with pytest.raises(YamlProblem) as exc:
        decode("a: 1\nprice: \u00a35\n".encode("latin-1"))
    assert (exc.value.line, exc.value.column) == (2, 8) and "'\u00a3'" in exc.value.message


def test_byte_order_mark_and_tabs_are_refused():
    with pytest.raises(YamlProblem, match="byte-order mark"):
        decode(b"\xef\xbb\xbfa: 1\n")
    with pytest.raises(YamlProblem, match="tab") as exc:
        decode(b"a:\n\tb: 1\n")
    assert exc.value.line == 2
    assert decode(b"a:\n\tb: 1\n", check_tabs=False)  # Markdown may indent with tabs
    assert decode(b"a: 'x\ty'\n") == "a: 'x\ty'\n"  # a tab inside a value is not indentation


def test_empty_text_reads_as_nothing():
    assert load_text("") is None and load_text("\n\n# only a comment\n") is None


def test_front_matter_split_gives_body_offset():
    fm, body, offset = split_front_matter("---\ntitle: T\n---\nBody\n")
    assert fm == "title: T" and body == "Body\n" and offset == 3
    assert split_front_matter("No front matter")[0] is None
