"""Which research findings answer a question: topics named in everyday words, the subjects asked about,
and how sure each finding is. When findings on the question's topic disagree, both sides are returned,
so a reply never presents one camp as the whole story."""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set

from .normalize import normalize
from .scoring.context import source_name

# Everyday words (normalized) -> topic. A phrase matches whole words only ("ai" is not in "paid").
TOPIC_WORDS: Dict[str, Sequence[str]] = {
    "retention": ("quit", "quits", "quitting", "leave", "leaves", "leaving", "left", "stay", "stays", "staying",
                  "turnover", "attrition", "retention", "burnout", "burn out", "burned out", "last long"),
    "effectiveness": ("effective", "effectiveness", "good teacher", "good teachers", "better teachers",
                      "student results", "test scores", "achievement", "students learn", "student learning",
                      "do students learn", "impact on students"),
    "training_quality": ("real training", "prepared", "preparation", "unprepared", "ready", "training",
                         "trained", "well trained", "quality of training", "how good is the training"),
    "clinical_practice": ("student teaching", "mentor", "mentors", "mentored", "clinical", "practice teaching",
                          "residency", "classroom experience", "practice in a classroom"),
    "cost_to_candidate": ("cost", "costs", "price", "pay for", "tuition", "fee", "fees", "expensive", "debt"),
    "teacher_shortage": ("shortage", "shortages", "not enough teachers", "vacancies", "vacancy", "hard to staff",
                         "fill positions", "need teachers"),
    "micro_credential_quality": ("micro credential", "micro credentials", "microcredential", "microcredentials",
                                 "badge", "badges", "digital badge", "digital badges"),
    "standardization": ("standard", "standards", "standardized", "consistent", "quality assurance", "accredited",
                        "accreditation", "vary", "varies", "all the same"),
    "deprofessionalization": ("deprofessionalization", "deprofessionalize", "deprofessionalizing", "watered down",
                              "lower the bar", "lowers the bar", "shortcut", "shortcuts", "profession", "anyone can"),
    "state_recognition": ("state", "states", "license", "licensure", "renewal", "renew", "count toward",
                          "counts toward", "accepted by", "my state"),
    "automation": ("ai", "a i", "artificial intelligence", "robot", "robots", "automation", "automated", "automate",
                   "replace", "replaced", "replacing", "chatgpt", "machines"),
    "job_decline": ("decline", "declining", "shrinking", "disappearing", "dying", "fewer jobs", "obsolete",
                    "outsourced", "going away", "future of"),
    "soft_skills": ("soft skills", "communication", "teamwork", "work readiness", "people skills", "work ethic"),
    "demand_mismatch": ("mismatch", "oversupplied", "too many", "employers want", "not needed", "in demand",
                        "demand", "wanted by employers"),
    "industry_recognition": ("recognized", "recognition", "respected", "industry", "accepted", "credible",
                             "legit", "legitimate"),
    "wages": ("pay", "pays", "paid", "salary", "salaries", "wage", "wages", "earn", "earnings", "income",
              "money", "raise"),
    "outcomes": ("outcomes", "results", "get a job", "get hired", "hired", "placement", "lead to a job",
                 "leads to a job", "success", "work after"),
    "flexibility": ("flexible", "flexibility", "online", "own pace", "my own pace", "anytime", "schedule",
                    "part time"),
    "affordability": ("cheap", "cheaper", "afford", "affordable", "free", "low cost", "expensive", "cost"),
    "personalization": ("personalized", "personalised", "tailored", "choose what", "pick what", "own path",
                        "my interests"),
    "employer_views": ("employers", "employer", "hiring managers", "bosses", "companies", "recruiters",
                       "hr", "do employers"),
    "stackability": ("stack", "stackable", "stacking", "next step", "college credit", "build on", "toward a degree",
                     "towards a degree", "ladder"),
    "equity": ("equity", "fair", "fairness", "low income", "poor", "minority", "minorities", "black", "hispanic",
               "latino", "women", "underserved", "gap", "gaps", "access"),
    "completion": ("finish", "finishes", "complete", "completion", "drop out", "dropout", "dropouts",
                   "quit the program"),
}
# Words asking for the critics' side, or for the supporters' side.
AGAINST_WORDS = ("critics", "critic", "criticism", "criticisms", "criticize", "critique", "downside", "downsides",
                 "hype", "overrated", "problem", "problems", "cons", "scam", "bad", "negative", "risks", "risk",
                 "concerns", "worried", "waste", "drawbacks", "against", "skeptics", "wrong")
FOR_WORDS = ("benefits", "benefit", "pros", "upside", "upsides", "advantages", "good about", "supporters",
             "proponents", "why do people like", "strengths")
CONFIDENCE_WEIGHT = {"high": 1.0, "medium": 0.6, "low": 0.2}
TOPIC_WEIGHT, SUBJECT_WEIGHT, LEAN_WEIGHT = 3.0, 2.0, 1.0


def _phrases(words: Iterable[str]) -> "re.Pattern":
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


_TOPIC_RES = {topic: _phrases(words) for topic, words in TOPIC_WORDS.items()}
_AGAINST_RE, _FOR_RE = _phrases(AGAINST_WORDS), _phrases(FOR_WORDS)


def question_topics(question: str) -> Set[str]:
    """The topics a question names in everyday words ("will AI replace it" -> automation)."""
    text = normalize(question or "")
    return {topic for topic, pattern in _TOPIC_RES.items() if pattern.search(text)}


def question_lean(question: str) -> Optional[str]:
    """"against" when the question asks for the critics' side, "for" for the supporters', else None."""
    text = normalize(question or "")
    if _AGAINST_RE.search(text):
        return "against"
    if _FOR_RE.search(text):
        return "for"
    return None


def finding_dict(finding: Dict[str, Any]) -> Dict[str, Any]:
    """What a reply needs of one finding, with its source named."""
    return {"id": finding["id"], "name": finding.get("name"), "claim": finding.get("claim"),
            "figure": finding.get("figure"), "population": finding.get("population"),
            "direction": finding.get("direction"), "topics": list(finding.get("topics") or []),
            "subjects": list(finding.get("subjects") or []),
            "source": {"name": source_name(finding.get("source"), finding.get("publisher")),
                       "url": finding.get("source")},
            "as_of": finding.get("as_of"), "confidence": finding.get("confidence"),
            "source_type": finding.get("source_type"), "note": finding.get("note")}


def rank_findings(findings: Iterable[Dict[str, Any]], question: str, subjects: Iterable[str] = (),
                  limit: int = 3) -> List[Dict[str, Any]]:
    """The findings that best answer the question about these subjects, best first; both sides of the
    question's main topic when its findings disagree. A finding must share a topic or a subject, and when
    subjects are given, be about one of them or about no record in particular."""
    topics, lean, wanted = question_topics(question), question_lean(question), set(subjects)
    scored = []
    for finding in findings:
        topic_hits = topics & set(finding.get("topics") or [])
        about = set(finding.get("subjects") or [])
        subject_hits = wanted & about
        if not topic_hits and not subject_hits:
            continue
        if wanted and about and not subject_hits:  # on topic, but about other records than the ones asked
            continue
        score = (TOPIC_WEIGHT * len(topic_hits) + SUBJECT_WEIGHT * len(subject_hits)
                 + CONFIDENCE_WEIGHT.get(finding.get("confidence"), 0)
                 + (LEAN_WEIGHT if lean and finding.get("direction") == lean else 0))
        scored.append((score, finding, topic_hits))
    if not scored:
        return []
    scored.sort(key=lambda item: (-item[0], item[1]["id"]))
    ranked = [finding for _, finding, _ in scored]
    main = scored[0][2] or set(scored[0][1].get("topics") or [])
    on_topic = [f for f in ranked if main & set(f.get("topics") or [])]
    return [finding_dict(f) for f in _both_sides(ranked[:max(1, int(limit))], on_topic)]


def _both_sides(picked: List[Dict[str, Any]], on_topic: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Make sure a "for" and an "against" finding are both picked when the topic has both: the best one of
    the missing side joins a single pick, or replaces the lowest-ranked pick that is not the only one of the
    other side."""
    picked = list(picked)
    for side, other in (("for", "against"), ("against", "for")):
        if any(f.get("direction") == side for f in picked):
            continue
        best = next((f for f in on_topic if f.get("direction") == side), None)
        if best is None or not any(f.get("direction") == other for f in on_topic):
            continue
        if len(picked) >= 2:
            others = sum(1 for f in picked if f.get("direction") == other)
            removable = [i for i, f in enumerate(picked) if f.get("direction") != other or others > 1]
            picked.pop(removable[-1])
        picked.append(best)
    return picked
