import os
import subprocess
import sys

import numpy as np

from frontline.dedup.shingles import normalise_word, shingle_set, words, words_with_offsets

from .texts import ARTICLE


def test_normalisation_absorbs_case_punctuation_accents_and_doubled_letters() -> None:
    assert words("Maarrat AL-Numān, “Café”!") == words("marat al numan cafe")


def test_offsets_point_at_the_raw_words() -> None:
    text = "  Élan, vital — «test»  "
    for word, start, end in words_with_offsets(text):
        assert normalise_word(text[start:end]) == word


def test_shingles_ignore_formatting_but_not_word_changes() -> None:
    reformatted = ARTICLE.upper().replace(",", " ,").replace("\n\n", "\n")
    assert np.array_equal(shingle_set(ARTICLE, 3), shingle_set(reformatted, 3))
    changed = ARTICLE.replace("drainage", "sewage")
    assert not np.array_equal(shingle_set(ARTICLE, 3), shingle_set(changed, 3))


def test_short_text_still_has_one_shingle_and_empty_has_none() -> None:
    assert len(shingle_set("two words", 3)) == 1
    assert len(shingle_set("  ,, ", 3)) == 0


def test_hashes_are_stable_across_processes() -> None:
    """Signatures are stored; hashes must not depend on PYTHONHASHSEED."""
    code = "from frontline.dedup.shingles import shingle_set; print(shingle_set('a b c d e f', 3).tolist())"
    outs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.add(
            subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
    assert len(outs) == 1


def _normalised_words_by_definition(text: str) -> list[str]:
    """Lower-case, NFKD, drop combining marks, collapse repeated characters, split into words."""
    import re
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", re.sub(r"(\w)\1+", r"\1", folded))


def test_words_follow_the_definition_on_arbitrary_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.one_of(
        st.sampled_from(list("aAbB  __.,'’“”ΣσςéÉñ½ﬁ\u0301\u0651\u064e")), st.characters(max_codepoint=0x1FFFF)
    )

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=60))
    def check(text: str) -> None:
        assert words(text) == _normalised_words_by_definition(text)

    check()
