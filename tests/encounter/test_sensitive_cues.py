"""The cues that let clean text skip the patterns never hide a match (encounter/sensitive_cues.py)."""
from encounter import sensitive
from encounter.sensitive_cues import cues, shape


def test_every_match_of_every_rule_on_the_corpus_contains_one_of_its_cues(corpus):
    missing = []
    for order, (kind, rx, which) in enumerate(sensitive._COMPILED):
        found = cues(sensitive._RULES[order][1])
        for s in corpus:
            folded = sensitive.fold(s.text)
            text = folded.translate(sensitive._LOWER) if which == "lower" else folded
            for m in rx.finditer(text):
                seen = shape(folded)[m.start():m.end() + 1]  # the shape has one space in front
                if found is not None and not any(cue in seen for cue in found):
                    missing.append((kind, m.group(), s.source))
    assert missing == []


def test_a_clean_sentence_and_a_dirty_one_get_the_same_spans_as_without_the_shortcut(corpus):
    everything = (1 << len(sensitive._RULES)) - 1
    for s in corpus:
        folded = sensitive.fold(s.text)
        full = sorted(sensitive._matches(folded, everything))
        assert sorted(sensitive._matches(folded, sensitive._candidates(folded))) == full, s.source


def test_every_rule_that_reports_has_cues_so_clean_text_is_cheap():
    assert [kind for kind, src, _ in sensitive._RULES if kind != sensitive.ALLOW and cues(src) is None] == []
