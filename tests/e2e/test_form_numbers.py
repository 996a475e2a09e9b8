"""A form number (I-200, I-205, I-138) stays on one line: "Form I-" at a line's end and "200" on the next reads as
two things. The catalogs write it with a word joiner after the hyphen (pwa/check-catalogs.mjs FORM_NUMBER)."""
import pytest

from tests.e2e.device import wait_for_app
from tests.e2e.flow import FieldApp
from tests.e2e.layout import FORM_NUMBER, split_at_widths

@pytest.mark.parametrize("code, label", [("en", "English"), ("ru", "Русский")])
def test_no_form_number_in_the_warrant_guide_breaks_across_lines_at_any_phone_width(page, world, catalogs, code, label):
    app = FieldApp(page, catalogs[code], code)
    page.set_viewport_size({"width": 360, "height": 640})
    if code != "en":
        app.choose_language(label, code)
    app.sign_in("field.a")
    page.goto("/#/guide")
    wait_for_app(page)
    split, seen = split_at_widths(page, FORM_NUMBER, range(240, 480, 3))  # every 3 px: each hyphen at a line's end
    assert seen >= 4, "the guide names the forms"
    assert not split, split
