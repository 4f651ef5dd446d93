"""Credential Advisor knowledge base: curated, sourced records, name matching and transparent scoring.

Plain Python (no Rasa imports). The public API is KnowledgeBase, Profile and KnowledgeError.
"""
from .api import KnowledgeBase
from .errors import KnowledgeError
from .matching import Candidate, Resolution
from .profile import Profile
from .scoring import ScoreResult

__all__ = ["KnowledgeBase", "KnowledgeError", "Profile", "Resolution", "Candidate", "ScoreResult"]
