"""Vigie's custom actions (rasa_sdk action server: `rasa run actions --actions actions`).

Importing the package installs the process-wide protections of the action server: no
sensitive number in any log line, and the output guard on text that actions write. It also
builds the guards' lexicons now, at start-up, rather than in the first user's turn.
"""

import guards
from actions.output_guard import install_output_guard
from core.privacy.logs import install_log_redaction

install_log_redaction()
install_output_guard()
guards.preload()
