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
