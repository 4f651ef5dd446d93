"""Names -> records: ids, aliases, normalized forms, typos, ambiguity, not_found, mentions in sentences."""
from __future__ import annotations

import pytest

from knowledge.normalize import normalize


@pytest.mark.parametrize("raw, expected", [
    ("CompTIA A+", "comptia a plus"), ("comptia-a+", "comptia a plus"), ("  Network+!! ", "network plus"),
    ("Micro-Credential", "micro credential"), ("What's", "whats"), ("Café  Résumé", "cafe resume"),
    ("R&D", "r and d"), ("", ""),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("text, record_id, method", [
    ("comptia-a-plus", "comptia-a-plus", "id"),
    ("a+", "comptia-a-plus", "alias"),
    ("CompTIA A+", "comptia-a-plus", "alias"),
    ("tfa", "route-teach-for-america", "alias"),
    ("comptia a plus", "comptia-a-plus", "alias"),
    ("COMPTIA-A+!", "comptia-a-plus", "normalized"),
    ("Network +", "comptia-network-plus", "normalized"),
    ("Comptia A Plus", "comptia-a-plus", "alias"),
])
def test_exact_matches(kb, text, record_id, method):
    res = kb.resolve(text)
    assert (res.status, res.record["id"], res.method, res.confidence) == ("matched", record_id, method, 1.0)


@pytest.mark.parametrize("typo, record_id", [
    ("comptia a pluss", "comptia-a-plus"), ("teach for amercia", "route-teach-for-america"),
    ("comptai network plus", "comptia-network-plus"), ("osha 10 constrction", "osha-10-construction"),
    ("certified nursing asistant", "cna"),
])
def test_typos_match_fuzzily_with_confidence(kb, typo, record_id):
    res = kb.resolve(typo)
    assert res.status == "matched" and res.record["id"] == record_id and res.method == "fuzzy"
    assert 0.8 <= res.confidence < 1.0


@pytest.mark.parametrize("text, ids", [
    ("ccst", {"cisco-ccst-it-support", "cisco-ccst-networking", "cisco-ccst-cybersecurity"}),
    ("google certificate", {"google-it-support", "google-data-analytics"}),
])
def test_ambiguous_lists_candidates_instead_of_guessing(kb, text, ids):
    res = kb.resolve(text)
    assert res.status == "ambiguous" and res.record is None
    assert {c.id for c in res.candidates} == ids


def test_not_found_gives_closest(kb):
    res = kb.resolve("cisco ccnx networkin essentials")
    assert res.status == "not_found" and res.record is None
    assert res.candidates and res.candidates[0].id.startswith("cisco-ccst")
    assert kb.resolve("zzzzqqq").status == "not_found"
    assert kb.resolve("").status == "not_found" and kb.resolve(None).status == "not_found"


def test_kinds_filter(kb):
    assert kb.resolve("texas", kinds=["credential"]).status == "not_found"
    assert kb.resolve("texas", kinds="state").record["id"] == "state-tx"
    assert kb.resolve("residency", kinds=("route",)).record["id"] == "route-teacher-residency"


def test_pitfalls_are_not_matched_by_name(kb):
    assert all(c.id != "W1" for c in kb.resolve("not a certification").candidates)


@pytest.mark.parametrize("sentence, expected", [
    ("is comptia a+ worth it for a 10th grader", ["comptia-a-plus"]),
    ("compare a+ and network+", ["comptia-a-plus", "comptia-network-plus"]),
    ("is comptia a pluss worth it", ["comptia-a-plus"]),
    ("should I do TFA or a teacher residency program?", ["route-teach-for-america", "route-teacher-residency"]),
    ("what's a micro credential", ["concept-micro-credential"]),
    ("is teach for amercia good", ["route-teach-for-america"]),
    ("tell me about it", []),
    ("what can you do", []),
])
def test_find_mentions(kb, sentence, expected):
    found = kb.find_mentions(sentence)
    assert [m.record["id"] for m in found if m.status == "matched"] == expected
    assert all(m.method == "mention" for m in found)


def test_mention_spans_quote_the_user_text(kb):
    sentence = "compare A+ and Network+ please"
    found = kb.find_mentions(sentence)
    assert [m.text for m in found] == ["A+", "Network+"]
    assert all(sentence[m.span[0]:m.span[1]] == m.text for m in found)


def test_ambiguous_mention(kb):
    (mention,) = kb.find_mentions("is the google certificate worth it")
    assert mention.status == "ambiguous" and len(mention.candidates) == 2


def test_mentions_of_other_kinds_on_request(kb):
    found = kb.find_mentions("I like IT and live in Texas", kinds=["interest", "state"])
    assert [m.record["id"] for m in found] == ["it", "state-tx"]
    assert kb.find_mentions("is it good in texas", kinds=["interest"]) == []
