"""Chinese analysis: folding, segmentation with the domain dictionary, synonyms."""

import pytest

from core.text.segmenter import cut, engine_name
from search.analysis import analyse, char_tokens, fold, query_terms


def test_full_width_and_traditional_fold_to_simplified_half_width():
    assert fold("戶口遷移 ＡＢＣ１２３") == "户口迁移 abc123"


def test_chars_stream_has_every_han_character_in_order_and_latin_words_whole():
    assert analyse("社保卡补办（2024版）").chars == "社 保 卡 补 办 2024 版"
    assert char_tokens("Ｗi-Fi 办理") == ["wi-fi", "办", "理"]


def test_domain_dictionary_keeps_service_words_whole():
    assert engine_name() in {"rjieba", "jieba"}
    assert "最多跑一次" in cut("推行最多跑一次改革")
    assert "便民服务中心" in analyse("到镇便民服务中心办理").words.split()


@pytest.mark.django_db
def test_query_terms_drop_stop_words_and_carry_synonyms():
    terms = query_terms("怎么办理低保")
    assert [t.alternatives for t in terms] == [("低保", "最低生活保障", "低报")]
    social = query_terms("社保")[0].alternatives
    assert social[0] == "社保" and "社会保险" in social


@pytest.mark.django_db
def test_a_query_of_only_stop_words_still_searches():
    assert [t.alternatives[0] for t in query_terms("办")] == ["办"]


@pytest.mark.django_db
def test_edited_synonyms_apply_at_once():
    from search.models import SynonymGroup

    assert not any("综合窗口" in t.alternatives for t in query_terms("一窗通办"))
    SynonymGroup.objects.create(terms="一窗通办、综合窗口")
    terms = query_terms("一窗通办")
    assert [t.alternatives for t in terms] == [("一窗通办", "综合窗口")], "kept whole now"
