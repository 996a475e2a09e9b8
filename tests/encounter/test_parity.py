"""The phone (pwa/src/sensitive.js in Node) finds exactly the spans the server (encounter.sensitive) finds."""
from dataclasses import asdict

from encounter import sensitive

# Where the two engines would part if the rules were careless: non-ASCII case folding, \b and
# \d on non-ASCII, astral characters before a span (UTF-16 vs code points), odd spaces.
TRICKY = [
    "😀 A123456789 😀 DOB 03/04/1990 ٣٤٥-٦٧-٨٩٠١",
    "Kelvin sign: ſsn 123-45-6789; İllegal aliens; ıllegals; A‑123‑456‑789",
    "the patron named Ñoño Pérez; Mr.\u00a0Øster; señora Ángela Núñez",
    "lives at 1234\u202fHoover St, Apt 4B — 𝐀123456789 and Ａ123456789",
    "😀 she\u2019s illegal; hes illegal-vending; بی\u200cاقامت، محل اقامت ندارد؛ 沒有合法身份; CA DL\u00a0D4471839; "
    "I-\u206094 # on it 284719330A3; asked if she was a U.S. citizen; Warrant for Arrest of Alien; Plaza México",
    "Luis\u2019s A-number is A-123-456-789\nDOB: 1/2/1980\r\nSSN 123456789",
    "", "A", "née 12/12/1912 in Perú; nació el 5 de mayo de 1970 en Michoacán",
    "شماره A-۱۲۳۴۵۶۷۸۹ و ‏SSN ۱۲۳-۴۵-۶۷۸۹‏ 😀 A-\u200e123\u00ad456\u2060789 DOB：０３/０４/１９９０",
    "\ufeff😀\u200bMr. Ｊｕａｎ Ｐｅｒｅｚ\u2067 lives at ١٢ Main St\u2069; I-\u206094 no. 38476512A09",
    "😀 cell 555-0148; 213/555-0148, (213) 5550148, +52 (33) 1234 5678; ana @ gmail.com, ana [at] gmail [dot] com; "
    "la abogada de la Ciudad al 213-555-0107; Deputy City Attorney Lee at 213-555-0131; the agents, 323-555-0142; "
    "asked for Nguyễn Văn An, Maria De La Cruz and Rosa The end; m.reyes at lacity dot org",
    "😀 the patron named Jose\u0301 and Nu\u0301n\u0303ez Pe\u0301rez\u0301\u0301; João Nguyễn; ۲۱۳٫۵۵۵٫۰۱۴۸ 213–555–0148 номер \u0410-123-456-789",
    # Names in the other scripts, beside astral characters and marks (the ranges must be read alike in both engines)
    "😀 이름은 김민준입니다; 名叫王秀英的; 😀 Գայանե Մկրտչյան անունով; به نام علی\u200cرضایی; \u0410рестовали Анну Смирнову",
    "ông Nguye\u0302\u0303n Văn Hùng; One man detained (Abebe Tesfaye); Park Ji-hoon's van; named jose luis martinez",
    # Round 4's shapes: lower-case addresses beside a City site's, the last four of a social, passport numbers in Korean,
    # Chinese and Russian, a Russian citizen of a country, an agent giving his name
    "😀 A#: 208556714 Nationality: MEXICO; social 612448890, last 4 of her social 8890; 1423 w.\u00a041st pl, los angeles "
    "ca 90037; chinatown branch, 639 n hill st; state id, Y8834521; 요원이 여권번호 M12345678를; 護照號碼 E12345678; "
    "номер паспорта 751234567; гражданин Мексики, Гражданка Гватемалы; lawfully present; showing alien; two agents at "
    "the rec center, one said his name was Jesus Ortiz ERO",
]


def test_the_phone_finds_the_same_spans_as_the_server_in_every_corpus_sentence(corpus, js_spans):
    cases = [(s.text, s.field) for s in corpus] + [(s.text, None) for s in corpus]
    expected = [[asdict(x) for x in sensitive.find_spans(text, field)] for text, field in cases]
    assert js_spans(cases) == expected


def test_the_phone_and_the_server_agree_where_the_engines_differ(js_spans):
    cases = [(text, field) for text in TRICKY for field in ("notes", "agent_names_and_badges")]
    assert js_spans(cases) == [[asdict(x) for x in sensitive.find_spans(t, f)] for t, f in cases]


def test_the_phone_reads_every_accented_latin_letter_as_the_server_does(js_spans):
    """Both read a letter with accents as the letter its canonical decomposition starts with: the server
    through Python's unicodedata, the phone through String.prototype.normalize; a letter read differently
    would end a name's span in a different place."""
    letters = [chr(c) for first, last in sensitive.rules()["fold"]["decomposed"] for c in range(first, last + 1)]
    cases = [(f"the patron named Ab{c}o Lu{c.lower()}s left", "notes") for c in letters]
    server = [[asdict(x) for x in sensitive.find_spans(t, f)] for t, f in cases]
    # Only the letters read differently, so a failure names them (a diff of 592 cases takes pytest minutes).
    assert [text for (text, _f), phone, there in zip(cases, js_spans(cases), server) if phone != there] == []


def test_the_phone_asks_about_the_same_words_as_the_server_would_in_every_corpus_sentence(corpus, js_spans):
    """The second look (encounter.sensitive.ask_spans) runs only on the phone; the server's copy is its reference."""
    cases = [(s.text, s.field) for s in corpus] + [(s.text, "notes") for s in corpus] + [(t, "notes") for t in TRICKY]
    expected = [[asdict(x) for x in sensitive.ask_spans(text, field)] for text, field in cases]
    assert js_spans(cases, ask=True) == expected
