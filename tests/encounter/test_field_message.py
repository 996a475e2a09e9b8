"""A coded field message is the English string every client reads, with a code that survives formatting and copying
(marshmallow formats every message it raises and copies every declared field)."""
import copy
import json

from encounter.field_message import FieldMessage, coded


def test_a_coded_message_is_written_to_json_as_its_plain_text():
    message = coded("length", "at most 3 characters", max=3)
    assert json.dumps({"name": [message]}) == '{"name": ["at most 3 characters"]}'
    assert message == "at most 3 characters"


def test_a_coded_message_keeps_its_code_through_format_and_deepcopy():
    message = coded("one_of", "{input} is not one of the kinds", choices=["a"])
    formatted = message.format(input="x")
    assert formatted == "x is not one of the kinds"
    assert formatted.code == "one_of" and formatted.params == {"choices": ["a"]}
    copied = copy.deepcopy(message)
    assert isinstance(copied, FieldMessage) and copied.code == "one_of" and copied.params == {"choices": ["a"]}

