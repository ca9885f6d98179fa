"""What the Rasa process (`bot/`) and the action server (`actions/`) share, without Rasa.

Everything here imports only the standard library, SQLAlchemy and `guards`, so the action
server installs and runs without Rasa (`requirements-actions.txt`); a test
(`tests/core/test_action_server_imports.py`) fails if a `rasa.` module sneaks in.

- `core.names`: names of the actions, intents, slots and responses both sides refer to;
- `core.language`: English or French from a chat message;
- `core.output_guard`: the runtime outbound policy check and its block counter;
- `core.erasure`: the typed erasure request the opt-out action hands to the tracker store;
- `core.databases`: one resolver for "argument, else environment, else default" URLs and one
  SQLAlchemy engine set-up (SQLite folder, timeouts) for every store;
- `core.privacy`: log redaction, keyed subject hashes, the suppression list and erasers.
"""
