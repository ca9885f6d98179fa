"""Messaging channel connectors for Vigie (Rasa input and output channels)."""
