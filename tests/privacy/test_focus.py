"""The input guard passes the question on without the parts that only carried personal details."""
from __future__ import annotations

import pytest

from channels import guard
from privacy.focus import detail_only, without_detail_only_parts

ISSUE = ("hi I'm Maria Lopez, my email is maria@example.com, cell 555 867 5309, born 03/14/2009, "
         "ssn 123 45 6789, insta @maria_l09. is CNA worth it?")


@pytest.mark.parametrize("text, reaches_rasa", [
    (ISSUE, "is CNA worth it?"),
    ("my name is Jayden Smith, what is comptia a+", "what is comptia a+"),
    ("I'm Emily and I'm 15, how much is security+", "how much is security+"),
    ("this is Mrs. Alvarez, my son Mateo (DOB 4/2/2012) wants to weld, call 704-555-0188",
     "my son [name] (DOB [dob]) wants to weld"),
    # nothing but details: kept whole, so the bot can still answer (e.g. greet)
    ("hi I'm Maria, my email is maria@example.com", "hi I'm [name], my email is [email]"),
    # a detail inside the question's own clause stays, as a placeholder
    ("my email is sam@x.org is comptia a+ worth it", "my email is [email] is comptia a+ worth it"),
    # no details: untouched, punctuation and all
    ("hi, is CNA worth it? thanks!", "hi, is CNA worth it? thanks!"),
    ("I'm 16, can I take the CNA", "I'm 16, can I take the CNA"),
])
def test_guard_sends_the_question(text, reaches_rasa):
    verdict = guard.guard_message("student-1", text)
    assert verdict.ok and verdict.text == reaches_rasa
    assert verdict.notes["details_dropped"] == (reaches_rasa != guard.redact(guard.clean_text(text)))


def test_detail_only():
    assert detail_only("my email is [email]") and detail_only("hi I'm [name]") and detail_only("cell [phone].")
    assert not detail_only("is CNA worth it?") and not detail_only("[name] wants to weld")
    assert without_detail_only_parts("[email] [phone]") == "[email] [phone]"
