"""A form number (I-200, I-205, I-138) stays on one line: "Form I-" at a line's end and "200" on the next reads as
two things. The catalogs write it with a word joiner after the hyphen (pwa/check-catalogs.mjs FORM_NUMBER)."""
import pytest

from tests.e2e.device import wait_for_app
from tests.e2e.flow import FieldApp

# Each form number on the page whose characters lie on more than one line, and how many form numbers there are.
_SPLIT_FORMS = r"""() => {
  const split = [];
  let count = 0;
  const walker = document.createTreeWalker(document.querySelector('#app'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\b[A-Z]-\u2060?\d{2,3}\b/g)) {
      count += 1;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) split.push(`${innerWidth} px: ${node.data.trim()}`);
    }
  }
  return { split, count };
}"""


@pytest.mark.parametrize("code, label", [("en", "English"), ("ru", "Русский")])
def test_no_form_number_in_the_warrant_guide_breaks_across_lines_at_any_phone_width(page, world, catalogs, code, label):
    app = FieldApp(page, catalogs[code], code)
    page.set_viewport_size({"width": 360, "height": 640})
    if code != "en":
        app.choose_language(label, code)
    app.sign_in("field.a")
    page.goto("/#/guide")
    wait_for_app(page)
    split, seen = [], 0
    for width in range(240, 480, 3):  # every 3 px: some width puts each hyphen at a line's end
        page.set_viewport_size({"width": width, "height": 640})
        found = page.evaluate(_SPLIT_FORMS)
        split += found["split"]
        seen = max(seen, found["count"])
    assert seen >= 4, "the guide names the forms"
    assert not split, split
