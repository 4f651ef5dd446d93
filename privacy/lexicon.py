"""Word lists that tell a person's name from an ordinary word after "I'm", "this is", "call me".

* First and last names: the US Census name lists shipped by the `names` package (5,163 first names,
  88,799 surnames), read once on first use.
* Ordinary words: what students write after "I'm" ("interested", "in 10th grade", "a teacher",
  "looking"), short function words, and words that the Census lists also hold as names ("will",
  "hope", "grace", "young", "king"). A lowercase word from this list is never taken for a name.
* Domain words: credential names and aliases, and state names, from the NLU lookups that
  `python -m knowledge lookups` generates (data/lookups/), so "this is CompTIA A+" or "I'm in Texas"
  stay as they are.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet

LOOKUPS = Path(__file__).resolve().parents[1] / "data" / "lookups"

COMMON_WORDS: FrozenSet[str] = frozenset("""
a about above across actually after again against ago ahead all almost alone along already alright also although
always am an and another any anybody anyone anything anyway anyways are around as asking at attending available
away back bad basically be because been before behind being below best better between big bilingual bit bored
both bout broke busy but by can cant can't certain certified clueless close coming completely confused considering
cool could curious currently dead def definitely did didnt didn't different disabled do does doing done dont don't
down dual during each early easily eager either eligible else employed enrolled enough especially even ever every
everyone exactly excited failing fairly far fast few fine finished first for forever free freaking fresh freshman
from full fully gay getting glad go going gonna good got gotta grade graduate graduated graduating great guessing
had half happy hard has have having he headed heading healthy her here hers herself hey hi him himself his home
homeschooled hoping how however hyped i if im i'm in into interested is it its it's just kinda kind knowing last
late later learning least leaning less like likely literally little living lol looking lost lot lots low mad main
majoring many maybe me mid middle might mine more most mostly much must my myself nah naturally near nearly need
needing neither nervous never new next nice no nobody none nor normal not nothing now ok okay old older on once
one only open or other our out over own part pretty probably proud qualified questioning quite rather ready real
really retired right sad same scared senior seriously she should signed single so some somebody someone something
sometimes somewhat soon sophomore sorry still struggling stuck such super supposed sure taking teaching than thank
thanks that the their them then there these they thinking this those though through thru tired to too totally
trying twelve unemployed under undecided unsure until up upset us very wanting was wasn't way we welding well
were what whatever when where whether which while who why will with without wondering working worried would yeah
yes yet you young your yours yourself said says told asked wants wanted likes loves needs thinks
knows got gets went goes made makes
a+ the teacher nurse welder student parent mom dad mother father counselor principal tutor aide sub substitute
veteran vet adult kid child homeschooler junior jr sr seventh eighth ninth tenth eleventh twelfth sixth grader
applying studying planning hoping waiting tryna finna bout abt rn idk tbh ngl fr lowkey highkey prob def kinda
sorta gonna wanna gen ai aide meta mr mrs ms miss mx dr coach prof sir maam ma'am
""".split())

# Census first names that are everyday words, months, places or titles; never a name when lowercase,
# and never on their own when capitalised either (they need "my name is" or a surname).
AMBIGUOUS_NAMES: FrozenSet[str] = frozenset("""
will may june april august hope joy grace faith mark bill rich young art sunny summer autumn dawn max ray don
carol chase hunter king guy pat sue tom harry page penny ruby jade amber crystal destiny precious star queen angel
lane paris china asia india london sky river rose lily daisy holly ivy iris violet heather brook brooke storm
rain scott miles price cash chance lucky early frank sterling earnest ernest major royal prince duke justice
will an in so ok al ed dean bishop baker mason
""".split())


# What people say they are after "I'm" that is not a name: identities, origins, faiths, conditions.
# Never a name on their own, even when capitalised ("I'm Hispanic", "I'm Deaf"); with a surname they are.
IDENTITY_WORDS: FrozenSet[str] = frozenset("""
black white brown native indigenous asian latino latina latinx hispanic chicano chicana hmong muslim christian
catholic protestant baptist methodist pentecostal jewish hindu sikh buddhist mormon atheist agnostic trans
transgender nonbinary enby gay lesbian bi bisexual pan queer straight deaf blind disabled autistic adhd add
dyslexic pregnant diabetic epileptic neurodivergent immigrant undocumented daca refugee foster homeless
american mexican texan californian korean cuban haitian dominican nigerian kenyan ethiopian somali samoan
filipino filipina puerto rican salvadoran guatemalan honduran colombian venezuelan peruvian brazilian canadian
jamaican russian ukrainian italian german polish afghan iranian syrian egyptian moroccan pakistani bangladeshi
nepali vietnamese chinese japanese laotian cambodian thai arab arabic persian latin european african caribbean
hawaiian alaskan floridian georgian indian irish scottish welsh english british french spanish portuguese
greek turkish dutch swedish norwegian navajo cherokee lakota ojibwe hopi
""".split())


@lru_cache(maxsize=1)
def first_names() -> FrozenSet[str]:
    return _census("first:male") | _census("first:female")


@lru_cache(maxsize=1)
def last_names() -> FrozenSet[str]:
    return _census("last")


def _census(kind: str) -> FrozenSet[str]:
    try:
        import names
    except ImportError:  # the package is in requirements.txt; without it, capitalisation alone decides
        return frozenset()
    with open(names.FILES[kind], encoding="ascii", errors="ignore") as lines:
        return frozenset(line.split()[0].lower() for line in lines if line.strip())


@lru_cache(maxsize=1)
def domain_words() -> FrozenSet[str]:
    """Every word of every credential name, alias and state name the assistant knows (lowercase)."""
    words = set()
    for name in ("credentials.yml", "states.yml"):
        path = LOOKUPS / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("- "):
                words.update(re.findall(r"[a-z][a-z+']*", line[2:].lower()))
    # state names are domain words even before the lookups exist
    words.update(STATE_WORDS)
    return frozenset(words)


STATE_WORDS: FrozenSet[str] = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
montana nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma oregon pennsylvania rhode
island tennessee texas utah vermont virginia washington wisconsin wyoming columbia
""".split())


def name_evidence(word: str) -> str:
    """How `word` reads as a first name: "no", "identity" ("Hispanic", "Deaf"), "ambiguous" (a name that
    is also a word), "known" (a Census first name) or "unknown" (neither: "Jayden", "Nevaeh")."""
    lowered = word.lower().strip("'’")
    if not lowered or lowered in COMMON_WORDS or not lowered.isalpha() or len(lowered) < 2:
        return "no"
    if lowered in IDENTITY_WORDS:
        return "identity"
    if lowered in AMBIGUOUS_NAMES:
        return "ambiguous"
    if lowered in domain_words():  # "Maya" is also Autodesk Maya, but after "I'm" it is a name
        if lowered not in first_names():
            return "no"
        return "ambiguous" if lowered in STATE_WORDS else "known"  # "I'm Dakota and ..." / "I'm in Dakota"
    if lowered in first_names():
        return "known"
    return "no" if _ORDINARY_SHAPE.search(lowered) else "unknown"


def surname_evidence(word: str) -> bool:
    """True when `word` can be a surname after a first name ("Maria Lopez", "maria lopez")."""
    lowered = word.lower().strip("'’")
    if not lowered.isalpha() or lowered in COMMON_WORDS or len(lowered) < 2:
        return False
    if lowered in IDENTITY_WORDS:  # "Ethan Brown", "Sam White", but not "maria hispanic"
        return word[:1].isupper() and lowered in last_names()
    if lowered in domain_words():  # "Keisha Washington", but not "Maria Texas"
        return word[:1].isupper() and lowered in last_names() and lowered not in STATE_WORDS - {"washington"}
    return word[:1].isupper() or lowered in last_names()


# -ing, -ed, -ly, -ous, -ful, -ive, -able words are verbs or adjectives ("I'm thinking", "I'm certified")
_ORDINARY_SHAPE = re.compile(r"(?:ing|ed|ly|ous|ful|ive|able|ible|ish|less|ness|ment|tion|sion|ist|er|ic|ese)$")
