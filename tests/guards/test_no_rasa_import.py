"""`guards` must stay importable and usable without Rasa, its SDK, Sanic or TensorFlow.

Modules that the interpreter loads before any import (``.pth`` files install namespace
packages such as ``ruamel``) are subtracted: only what `guards` brings in counts.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("rasa", "rasa_sdk", "sanic", "tensorflow", "yaml", "ruamel")
BASELINE = "import json, sys; print(json.dumps(sorted(sys.modules)))"
USE = """
import json, sys
before = set(sys.modules)
import guards
guards.check("card 4111 1111 1111 1111, STOP", "inbound")
guards.check("Please send your IBAN", "outbound")
guards.redact("IBAN FR76 3000 6000 0112 3456 7890 189, NIR 2 85 05 2A 123 456 33")
print(json.dumps(sorted(set(sys.modules) - before)))
"""
IMPORT_ONLY = """
import json, sys
before = set(sys.modules)
import guards
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _new_modules(script: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return json.loads(out)


def test_when_guards_is_used_then_no_rasa_sanic_tensorflow_or_yaml_module_is_loaded():
    modules = _new_modules(USE)
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
    assert "stdnum" in modules


def test_when_guards_is_imported_then_nothing_heavy_is_loaded_yet():
    modules = _new_modules(IMPORT_ONLY)
    assert [m for m in modules if m.split(".")[0] in (*HEAVY, "stdnum")] == []
