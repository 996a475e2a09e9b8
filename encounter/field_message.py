"""A field message that carries a code: English for a reader of the API, a code for a client to translate.

Why a ``str``: every place that builds field errors (marshmallow's ``error=`` and ``error_messages=``,
``ValidationError``, the domain's ``{field: [messages]}``) takes strings and passes them on untouched, and
JSON writes a ``str`` subclass as a plain string, so ``errors`` reads as it always did. The code rides
along to ``server/errors.py``, which lists it in ``error_codes`` (``server/field_codes.py``).
Plain Python: the encounter core, ``server/``, the checklist rules and the sync protocol's envelope
(``sync/protocol.py``) all use it.
"""


class FieldMessage(str):
    """An English field message with ``code`` (a word from the table in server/field_codes.py) and ``params``."""

    def __new__(cls, text: str, code: str, params: dict | None = None):
        message = super().__new__(cls, text)
        message.code = code
        message.params = dict(params or {})
        return message

    def __getnewargs__(self):
        # copy.deepcopy (marshmallow copies every declared field) rebuilds the object from these.
        return str(self), self.code, self.params

    def format(self, *args, **kwargs) -> "FieldMessage":
        """Keep the code through ``str.format`` (marshmallow formats every message it raises)."""
        return FieldMessage(str.format(self, *args, **kwargs), self.code, self.params)


def coded(code: str, text: str, **params) -> FieldMessage:
    """A field message ``text`` whose meaning is ``code`` with ``params`` (JSON values)."""
    return FieldMessage(text, code, params)
