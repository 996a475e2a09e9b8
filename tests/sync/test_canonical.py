"""Canonical JSON: what makes two bodies "the same content" and their hash stable."""
import hashlib
import json

import orjson
import pytest

from sync.canonical import canonical_bytes, content_sha256

# Pinned by hand: hashlib.sha256 over the UTF-8 bytes below, written out as escapes so the
# pin does not depend on how this file is decoded.
NON_ASCII_BODY = {"note": "Zo\u00eb \u00e0 l\u2019\u00e9cole \u2014 \u6771\u4eac", "n": 1}
NON_ASCII_CANONICAL = (b'{"n":1,"note":"Zo\xc3\xab \xc3\xa0 l\xe2\x80\x99\xc3\xa9cole '
                       b'\xe2\x80\x94 \xe6\x9d\xb1\xe4\xba\xac"}')
NON_ASCII_SHA256 = "7ec5477101006aed41a19eafc81ed1f1c6ce5f834b489695e6547cd9d3272fe0"


def test_the_canonical_form_sorts_keys_at_every_depth_and_has_no_white_space():
    value = {"b": [1, {"z": None, "y": True}], "a": {"d": 1.5, "c": "x y"}}

    assert canonical_bytes(value) == b'{"a":{"c":"x y","d":1.5},"b":[1,{"y":true,"z":null}]}'


@pytest.mark.parametrize("one, other", [
    pytest.param({"a": 1, "b": 2}, {"b": 2, "a": 1}, id="top-level"),
    pytest.param({"o": {"x": 1, "y": [1, 2]}}, {"o": {"y": [1, 2], "x": 1}}, id="nested-object"),
    pytest.param({"l": [{"p": 1, "q": 2}, {"r": 3, "s": 4}]}, {"l": [{"q": 2, "p": 1}, {"s": 4, "r": 3}]},
                 id="objects-inside-a-list"),
])
def test_key_order_does_not_change_the_hash(one, other):
    assert content_sha256(one) == content_sha256(other)


@pytest.mark.parametrize("text", [
    '{"a":1,"b":[1,2],"c":{"d":"e"}}',
    '{ "a" : 1 , "b" : [ 1 , 2 ] , "c" : { "d" : "e" } }',
    '{\n  "c": {\n    "d": "e"\n  },\n  "b": [\n    1,\n    2\n  ],\n  "a": 1\n}\n',
    '\t{"b":[1,\r\n2],"a":1,"c":{"d":"e"}}',
], ids=["compact", "spaced", "pretty-and-reordered", "tabs-and-crlf"])
def test_white_space_in_the_json_a_client_sent_does_not_change_the_hash(text):
    assert content_sha256(orjson.loads(text)) == content_sha256({"a": 1, "b": [1, 2], "c": {"d": "e"}})


@pytest.mark.parametrize("one, other", [
    pytest.param({"a": 1}, {"a": 2}, id="other-number"),
    pytest.param({"a": 1}, {"a": "1"}, id="number-vs-string"),
    pytest.param({"a": 1}, {"a": True}, id="number-vs-true"),
    pytest.param({"a": 1}, {"a": 1.5}, id="integer-vs-fraction"),
    pytest.param({"a": None}, {}, id="null-vs-absent"),
    pytest.param({"a": ""}, {"a": None}, id="empty-string-vs-null"),
    pytest.param({"a": [1, 2]}, {"a": [2, 1]}, id="list-order"),
    pytest.param({"a": "e"}, {"a": "\u00e9"}, id="accented-letter"),
    pytest.param({"a": "x"}, {"A": "x"}, id="key-case"),
    pytest.param({"a": {"b": 1}}, {"a": {"b": 1, "c": 1}}, id="added-nested-key"),
])
def test_different_values_hash_differently(one, other):
    assert content_sha256(one) != content_sha256(other)


def test_non_ascii_text_is_hashed_as_utf_8_to_a_known_value():
    assert canonical_bytes(NON_ASCII_BODY) == NON_ASCII_CANONICAL
    assert hashlib.sha256(NON_ASCII_CANONICAL).hexdigest() == NON_ASCII_SHA256
    assert content_sha256(NON_ASCII_BODY) == NON_ASCII_SHA256


@pytest.mark.parametrize("text", ["caf\u00e9", "\u6771\u4eac", "\U0001f642", "\u0627\u0644\u0633\u0644\u0627\u0645"],
                         ids=["latin", "cjk", "emoji", "arabic"])
def test_non_ascii_text_is_written_as_raw_utf_8_not_as_escapes(text):
    assert canonical_bytes({"t": text}) == b'{"t":"' + text.encode("utf-8") + b'"}'


def test_an_escaped_and_a_raw_non_ascii_string_from_a_client_hash_alike():
    escaped = '{"t":"caf\\u00e9 \\ud83d\\ude42"}'
    raw = '{"t":"caf\u00e9 \U0001f642"}'

    assert content_sha256(orjson.loads(escaped)) == content_sha256(orjson.loads(raw.encode("utf-8")))


def test_the_hash_is_sixty_four_lower_case_hex_digits_of_sha256_over_the_canonical_bytes():
    value = {"b": 1, "a": [True, None]}

    digest = content_sha256(value)

    assert digest == hashlib.sha256(b'{"a":[true,null],"b":1}').hexdigest()
    assert len(digest) == 64 and digest == digest.lower()


def test_the_canonical_form_parses_back_to_the_same_value():
    value = {"z": [1, 2.5, "three", None, False], "a": {"nested": {"deep": "\u00e9"}}}

    assert json.loads(canonical_bytes(value)) == value
