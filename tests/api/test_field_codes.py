"""``error_codes`` from a refusing schema (server/field_codes.py): which validator gave a message, found again."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from encounter.field_message import coded
from server.field_codes import error_codes


def more_than_a_word(value: str) -> None:
    if " " not in value:
        raise ValidationError(coded("blank", "say more"))


class Inner(Schema):
    class Meta:
        unknown = RAISE

    word = fields.String(required=True, validate=[validate.Length(max=3), validate.Regexp("^[a-z]*$")])


class Outer(Schema):
    class Meta:
        unknown = RAISE

    inner = fields.Nested(Inner)
    items = fields.List(fields.Integer(validate=validate.Range(1, 9)), validate=validate.Length(min=1, max=2))
    labels = fields.Dict(keys=fields.String(validate=validate.Length(max=2)), values=fields.String())
    kind = fields.String(validate=validate.OneOf(["a", "b"]))
    note = fields.String(validate=more_than_a_word)


def codes_for(data: dict):
    try:
        Outer().load(data)
    except ValidationError as exc:
        return error_codes({"json": exc.messages}, Outer(), exc.data)["json"]
    raise AssertionError("not refused")


def test_each_of_two_messages_of_one_field_is_coded_by_the_validator_that_gave_it():
    assert codes_for({"inner": {"word": "ABCD"}})["inner"]["word"] == [
        {"code": "length", "params": {"max": 3}}, {"code": "pattern", "params": {}}]


def test_list_items_dict_values_choices_and_unknown_fields_have_their_codes():
    found = codes_for({"items": [5, 0], "kind": "c", "colour": 1, "inner": {}, "note": "x"})
    assert found["items"] == {1: [{"code": "range", "params": {"min": 1, "max": 9}}]}
    assert found["kind"] == [{"code": "one_of", "params": {"choices": ["a", "b"]}}]
    assert found["colour"] == [{"code": "unknown", "params": {}}]
    assert found["inner"]["word"] == [{"code": "required", "params": {}}]
    assert found["note"] == [{"code": "blank", "params": {}}]
    assert codes_for({"items": [1, 2, 3]})["items"] == [{"code": "count", "params": {"min": 1, "max": 2}}]


def test_a_dict_entry_is_coded_by_its_key_and_value():
    assert codes_for({"labels": {"abc": 1}})["labels"] == {"abc": {
        "key": [{"code": "length", "params": {"max": 2}}], "value": [{"code": "type", "params": {}}]}}


def test_a_message_nothing_explains_has_a_null_code_and_what_is_not_a_message_has_none():
    assert error_codes({"allowed": ["closed"]}) is None
    assert error_codes({"json": {"name": ["said by hand"], "other": [coded("taken", "used", value="x")]}}) == {
        "json": {"name": [{"code": None, "params": {}}], "other": [{"code": "taken", "params": {"value": "x"}}]}}
