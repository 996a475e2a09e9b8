"""Shell bytes in every language (issue 14): a phone downloads the shell plus its own language's
catalog chunk, never the others. Sent as Brotli (the browser's own Accept-Encoding), and what a browser without
Brotli would get (the build's .gz of each file sent). Each language is a fresh first load with the browser set to
that language (the app picks it from navigator.languages); the server's access log says what
was really sent. Called by bench/pwa.py."""
from pathlib import Path

# App language → a browser locale that picks it.
LOCALES = {"en": "en-US", "es": "es-MX", "ko": "ko-KR", "zh-Hant": "zh-TW", "zh-Hans": "zh-CN", "hy": "hy-AM",
           "tl": "fil-PH", "fa": "fa-IR", "ru": "ru-RU", "vi": "vi-VN"}
TARGET = 100_000


def catalog_sizes(dist: Path, suffix: str = "br") -> dict[str, int]:
    """The compressed bytes (``br`` or ``gz``) of each language's phone catalog chunk in the build."""
    sizes = {}
    for path in sorted((dist / "chunks").glob(f"lang-*.js.{suffix}")):
        code = path.name[len("lang-"):].rsplit("-", 1)[0]
        if code in LOCALES:  # not the refusal words (lang-refusal-*) or the card for residents (lang-card-all)
            sizes[code] = path.stat().st_size
    return sizes


def gzip_only(dist: Path, served: list) -> int:
    """What the same responses would have been for a browser without Brotli: each file's .gz in the build."""
    total = 0
    for path, _status, size in served:
        name = "index.html" if path.split("?")[0] == "/" else path.split("?")[0].lstrip("/")
        copy = dist / f"{name}.gz"
        total += copy.stat().st_size if size and copy.is_file() else size
    return total


def measure(first_load, browser, base: str, dist: Path, access_log: Path) -> dict:
    """First-load bytes sent by the server per language; prints a table and returns {code: row}."""
    sizes = catalog_sizes(dist)
    rows = {}
    print("\n4. Shell on first load in each language (fresh context, browser locale set; the server's access log)")
    print(f"   {'language':<9} {'locale':<7} {'catalog br':>10} {'catalogs fetched':<28} {'sent KB':>8} {'gzip only':>9}")
    for code, locale in LOCALES.items():
        load = first_load(browser, base, dist, access_log, locale=locale)
        served = load["served"]
        fetched = sorted({p.split("/")[-1].rsplit("-", 1)[0] for p, _, _ in served if p.startswith("/chunks/lang-")})
        total = sum(size for _, _, size in served)
        plain_gzip = gzip_only(dist, served)
        rows[code] = {"catalog": sizes.get(code, 0), "fetched": fetched, "sent": total, "gzip_only": plain_gzip}
        print(f"   {code:<9} {locale:<7} {sizes.get(code, 0):>10} {', '.join(fetched) or '(in the shell)':<28}"
              f" {total / 1000:>8.1f} {plain_gzip / 1000:>9.1f}")
    worst = max(rows.values(), key=lambda r: r["sent"])
    others = [c for c, r in rows.items() if len(r["fetched"]) > 1]
    print(f"   largest: {worst['sent'] / 1000:.1f} KB ({worst['sent']} B); target <= {TARGET // 1000} KB "
          f"{'meets' if worst['sent'] <= TARGET else 'MISSES'} it; "
          f"{'every phone fetched only its own catalog' if not others else 'MORE THAN ONE CATALOG: ' + ', '.join(others)}")
    gz_worst = max(rows.values(), key=lambda r: r["gzip_only"])
    print(f"   a browser without Brotli (gzip only; over HTTPS every current one has it): largest {gz_worst['gzip_only'] / 1000:.1f}"
          f" KB ({gz_worst['gzip_only']} B), {'meets' if gz_worst['gzip_only'] <= TARGET else 'MISSES'} the target")
    print(f"   all nine languages' catalogs together: {sum(sizes.values()) / 1000:.1f} KB Brotli,"
          f" {sum(catalog_sizes(dist, 'gz').values()) / 1000:.1f} KB gzip (never sent to one phone)")
    return rows
