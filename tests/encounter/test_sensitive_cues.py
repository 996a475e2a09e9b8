"""The cues that let clean text skip the patterns never hide a match (encounter/sensitive_cues.py)."""
from bench.sensitive import CORPUS, load
from encounter import sensitive
from encounter.sensitive_cues import cues, shape


def test_every_match_of_every_rule_on_the_corpus_contains_a_cue_of_each_of_its_sets(corpus):
    missing = []
    for order, (kind, rx, which) in enumerate(sensitive._COMPILED):
        sets = cues(sensitive._RULES[order][1], which == "lower")
        for s in corpus:
            folded, _at = sensitive.fold(s.text)
            text = folded.translate(sensitive._LOWER) if which == "lower" else folded
            for m in rx.finditer(text):
                seen = shape(folded)[m.start():m.end() + 1]  # the shape has one space in front
                if not all(any(cue in seen for cue in cue_set) for cue_set in sets):
                    missing.append((kind, m.group(), s.source))
    assert missing == []


def test_the_rules_skipped_for_a_sentence_have_no_match_in_it(corpus):
    texts = [s.text for s in corpus + load(CORPUS / "holdout")] + [t.upper() for t in (s.text for s in corpus)]
    for text in texts:
        folded, _at = sensitive.fold(text)
        shaped = shape(folded)
        ran = sensitive._candidates(shaped, sensitive._REPORTING) + sensitive._candidates(shaped, sensitive._SHIELDS)
        skipped = [order for order in range(len(sensitive._RULES)) if order not in ran]
        assert sensitive._matches(folded, skipped, {"cased": folded}) == [], text


def test_every_rule_that_reports_has_cues_so_clean_text_is_cheap():
    assert [kind for kind, src, text in sensitive._RULES if kind != sensitive.ALLOW and not cues(src, text == "lower")] == []
