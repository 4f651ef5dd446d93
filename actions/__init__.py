"""Credential Advisor's custom actions: thin adapters from a Rasa tracker to the knowledge base and back."""
