"""Layout checks measured in the page: horizontal overflow and controls whose text does not fit."""

# Every visible control whose text is wider than its box, and whether the page scrolls sideways.
_OVERFLOW = """() => {
  const wide = document.documentElement.scrollWidth > window.innerWidth;
  const clipped = [];
  for (const el of document.querySelectorAll('button, .button, select, summary, .nav-list a')) {
    const box = el.getBoundingClientRect();
    if (!box.width || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.scrollWidth > el.clientWidth + 1 || box.right > window.innerWidth + 1 || box.left < -1) {
      clipped.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent.trim().slice(0, 40)}" ` +
                   `(${el.scrollWidth} px of text in ${el.clientWidth} px, right edge ${Math.round(box.right)})`);
    }
  }
  return { wide, pageWidth: document.documentElement.scrollWidth, clipped };
}"""


def overflow(page) -> dict:
    """{wide: the page scrolls sideways, pageWidth, clipped: [controls whose text overflows]}."""
    return page.evaluate(_OVERFLOW)


def assert_fits(page, where: str) -> None:
    """Nothing on the screen scrolls sideways and no control's text overflows its box."""
    found = overflow(page)
    assert not found["wide"] and not found["clipped"], f"{where}: {found}"


# Every visible control on the screen shorter or narrower than a thumb (44 CSS px): links within a sentence and
# radio buttons and checkboxes whose label (the part that takes the tap) is full size are not controls of their own.
_SMALL = """() => {
  const small = [];
  const full = (el) => { const box = el.getBoundingClientRect(); return box.width >= 44 && box.height >= 44; };
  for (const el of document.querySelectorAll(['a[href]', 'button', 'select', 'input', 'textarea', 'summary']
      .flatMap((tag) => [`#header ${tag}`, `#app ${tag}`]).join(', '))) {
    const box = el.getBoundingClientRect();
    if (!box.width || getComputedStyle(el).visibility === 'hidden' || full(el)) continue;
    if (box.right <= 0 || box.left >= window.innerWidth) continue;  // off screen until focused (the skip link)
    if (el.matches('a') && getComputedStyle(el).display === 'inline') continue;
    const label = el.matches('[type=radio], [type=checkbox]') && (el.closest('label') || el.labels?.[0]);
    if (label && full(label)) continue;
    small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 40)}" ` +
               `${Math.round(box.width)} x ${Math.round(box.height)}`);
  }
  return small;
}"""


def assert_thumb_sized(page, where: str) -> None:
    """Every control on the screen is at least 44 × 44 CSS px (WCAG 2.5.5), but links inside a sentence."""
    small = page.evaluate(_SMALL)
    assert not small, f"{where}: {small}"


# Each match of a pattern (a regex's source) in a text of #app whose characters lie on more than one line, and how
# many matches there are.
_SPLIT = r"""(source) => {
  const split = [];
  let count = 0;
  const walker = document.createTreeWalker(document.querySelector('#app'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(new RegExp(source, 'g'))) {
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
# A form number, its hyphen followed by a word joiner or not.
FORM_NUMBER = r"\b[A-Z]-\u2060?\d{2,3}\b"


def split_at_widths(page, pattern: str, widths) -> tuple[list[str], int]:
    """Resize the page to each of ``widths`` (px) and return the texts of #app where a match of ``pattern`` (a regex
    for JavaScript) lay on more than one line at some width, and the most matches seen at one width."""
    split, seen = [], 0
    for width in widths:
        page.set_viewport_size({"width": width, "height": 640})
        found = page.evaluate(_SPLIT, pattern)
        split += found["split"]
        seen = max(seen, found["count"])
    return split, seen
