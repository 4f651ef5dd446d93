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
    ("comptia", {"comptia-a-plus", "comptia-network-plus"}),
    ("cisco", {"cisco-ccst", "cisco-ccst-it-support", "cisco-ccst-networking", "cisco-ccst-cybersecurity"}),
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
    (mention,) = kb.find_mentions("is comptia plus worth it")
    assert mention.status == "ambiguous" and len(mention.candidates) == 2


def test_a_family_name_is_the_family(kb):
    (mention,) = kb.find_mentions("is the google certificate worth it")
    assert mention.status == "matched" and mention.record["id"] == "google-career-certificates"


def test_findings_are_not_named(kb):
    assert kb.resolve("Alternative-route teachers leave more often").status == "not_found"


def test_mentions_of_other_kinds_on_request(kb):
    found = kb.find_mentions("I like IT and live in Texas", kinds=["interest", "state"])
    assert [m.record["id"] for m in found] == ["it", "state-tx"]
    assert kb.find_mentions("is it good in texas", kinds=["interest"]) == []


# -- false positives vs. true typos, on the real knowledge base (knowledge/data) ---------------------------
@pytest.fixture(scope="module")
def real_kb():
    from pathlib import Path

    from knowledge import KnowledgeBase
    from knowledge.loader import read_dir

    records, issues = read_dir(Path(__file__).resolve().parents[2] / "knowledge" / "data")
    assert not issues
    return KnowledgeBase.from_records([r.data for r in records])


@pytest.mark.parametrize("text", [
    "ccnp",                   # not CCNA: short words match exactly or not at all
    "server+",                # not CompTIA A+: "server" is not in the name
    "comptia server+",
    "google ai",              # not Google IT Support
    "dental hygienist certification",  # "certification" alone carries no match
    "real certification",
    "xyz blockchain badge",   # not Digital badge
    "test online",            # not the "online badge" alias
    "osha 500",               # not OSHA 10 or 30
])
def test_words_outside_the_name_are_not_guessed(real_kb, text):
    res = real_kb.resolve(text, kinds=("credential", "route", "concept"))
    assert res.status == "not_found" and res.record is None
    assert all(c.confidence < 0.8 for c in res.candidates)


@pytest.mark.parametrize("sentence", [
    "is the ccnp worth it",
    "is the comptia server+ worth it",   # the CompTIA family's name before a product we do not know
    "is cisco CCNP hard",
    "is google ai essentials worth it",
    "how much is a dental hygienist certification",
    "is the xyz blockchain badge worth it",
    "is the test online",
    "which fundamentals exam is easiest",   # a level word names no particular credential
    "what is a certified user",
])
def test_false_positive_mentions(real_kb, sentence):
    assert real_kb.find_mentions(sentence) == []


def test_generic_words_do_not_add_a_second_subject(real_kb):
    found = real_kb.find_mentions("is osha 10 a real certification")
    assert [(m.status, m.record["id"]) for m in found] == [("matched", "osha-10-construction")]


def test_brand_and_misspelt_member_name_the_member_not_the_family(real_kb):
    (mention,) = real_kb.find_mentions("is comptia a pluss worth it")
    assert (mention.record["id"], mention.text) == ("comptia-a-plus", "comptia a pluss")
    (mos,) = real_kb.find_mentions("What is the expiration policy for MOS certifications?")
    assert mos.record["kind"] == "family"


def test_a_generic_name_on_its_own_is_still_found(real_kb):
    (mention,) = real_kb.find_mentions("what is a badge")
    assert mention.status == "matched" and mention.record["id"] == "concept-digital-badge"


@pytest.mark.parametrize("typo, record_id", [
    ("comptia a pluss", "comptia-a-plus"), ("servsafe manger", "servsafe-manager"),
    ("teach for amerca", "route-teach-for-america"), ("ccst netwrking", "cisco-ccst-networking"),
    ("securty+", "comptia-security-plus"), ("nccer cor", "nccer-core"),
])
def test_real_typos_still_resolve(real_kb, typo, record_id):
    res = real_kb.resolve(typo)
    assert (res.status, res.record["id"], res.method) == ("matched", record_id, "fuzzy")
    assert 0.9 <= res.confidence < 1.0


@pytest.mark.parametrize("sentence, record_id", [
    ("is comptia a pluss worth it", "comptia-a-plus"), ("is servsafe manger worth it", "servsafe-manager"),
    ("is teach for amerca good", "route-teach-for-america"), ("is comptia securty+ worth it", "comptia-security-plus"),
    ("what is nccer cor", "nccer-core"),
])
def test_real_typos_are_found_in_sentences(real_kb, sentence, record_id):
    assert [m.record["id"] for m in real_kb.find_mentions(sentence) if m.status == "matched"] == [record_id]


# -- plurals, the pronoun "it", and names shared by records of different kinds (real data) ------------------
@pytest.mark.parametrize("sentence, kinds, record_ids", [
    ("where do cnas usually work", ("credential", "occupation"), {"cna"}),
    ("how much do EMTs earn", ("credential", "occupation"), {"nremt-emt", "soc-29-2042"}),
    ("what do welders make", ("occupation",), {"soc-51-4121"}),
    ("are pharm techs in demand", ("credential", "occupation"), {"ptcb-cpht", "soc-29-2052"}),
    ("how much do RNs make", ("occupation",), {"soc-29-1141"}),   # a two-letter name in capitals
])
def test_a_name_in_the_plural_is_found(real_kb, sentence, kinds, record_ids):
    (mention,) = real_kb.find_mentions(sentence, kinds)
    assert mention.status == "matched" and mention.record["id"] in record_ids
    assert mention.confidence == 1.0


def test_a_plural_resolves_to_its_singular(real_kb):
    res = real_kb.resolve("cnas")
    assert (res.status, res.record["id"], res.method) == ("matched", "cna", "plural")


@pytest.mark.parametrize("sentence", [
    "which classes should i take", "how many tests are there", "its hard to say", "what does it cost",
    "are certificates worth it", "gas station jobs", "how much do rns make",   # "rn" only counts in capitals
])
def test_plurals_of_generic_or_common_words_name_nothing(real_kb, sentence):
    kinds = ("credential", "family", "route", "concept", "occupation", "state", "interest")
    assert real_kb.find_mentions(sentence, kinds) == []
    assert real_kb.resolve(sentence, kinds).status == "not_found"


@pytest.mark.parametrize("text", ["what jobs can i get with it", "is it worth it", "It is hard", "its"])
def test_the_pronoun_it_is_not_the_it_interest(real_kb, text):
    assert real_kb.find_mentions(text, ["interest"]) == []
    assert real_kb.resolve_interest(text) is None   # "it" alone stays the interest's id, which slots carry


@pytest.mark.parametrize("text", ["I like IT", "jobs in I.T.", "information technology"])
def test_it_in_capitals_or_spelt_out_is_the_it_interest(real_kb, text):
    assert [m.record["id"] for m in real_kb.find_mentions(text, ["interest"])] == ["it"]


def test_the_it_interest_answers_to_capitals(real_kb):
    assert real_kb.resolve_interest("IT")["id"] == "it"
    assert real_kb.resolve_interest("I.T.")["id"] == "it"
    assert real_kb.resolve_interest("information technology")["id"] == "it"


@pytest.mark.parametrize("text, kinds, record_id", [
    ("cdl", ("credential", "interest"), "cdl-class-a"),
    ("cda", ("credential", "family", "route", "concept", "occupation", "state", "interest"), "cda-credential"),
    ("nail technician", ("credential", "interest"), "nail-technician-license"),
    ("emt", ("credential", "occupation", "interest"), "nremt-emt"),  # "is emt worth it" asks about the credential
    ("cooking", ("credential", "interest"), "culinary"),   # only the interest has the name: no priority needed
])
def test_a_name_shared_across_kinds_names_the_most_specific_kind(real_kb, text, kinds, record_id):
    res = real_kb.resolve(text, kinds)
    assert (res.status, res.record["id"]) == ("matched", record_id)
    (mention,) = real_kb.find_mentions(f"is the {text} worth it", kinds)
    assert (mention.status, mention.record["id"]) == ("matched", record_id)


def test_the_cdl_is_the_licence_not_the_transportation_interest(real_kb):
    assert real_kb.resolve_interest("cdl") is None
    assert [m.record["id"] for m in real_kb.find_mentions("is the cdl worth it")] == ["cdl-class-a"]


def test_a_tie_within_one_kind_stays_ambiguous(real_kb):
    from knowledge import KnowledgeBase

    records = [real_kb.get("cdl-class-a"), real_kb.get("cna"), real_kb.get("transportation")]
    records[1]["aliases"] = list(records[1]["aliases"]) + ["cdl"]   # two credentials answer to "cdl"
    res = KnowledgeBase.from_records(records).resolve("cdl", ("credential", "interest"))
    assert res.status == "ambiguous" and {c.id for c in res.candidates} == {"cdl-class-a", "cna"}
