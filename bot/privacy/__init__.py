"""Personal data handling that needs Rasa: redaction of Rasa events before they are stored.

The Rasa-free parts (log redaction, suppression list, erasers) are in `core.privacy`.
"""
