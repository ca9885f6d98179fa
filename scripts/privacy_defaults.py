"""Turn Rasa's telemetry and error reporting off for every `rasa` command of this project.

Rasa sends usage telemetry and crash reports to outside services unless
`RASA_TELEMETRY_ENABLED=false` is set or the user's global Rasa config says otherwise (and
Rasa writes `enabled: true` there on first run). The Makefile sets the variable, but a plain
`rasa test` or `rasa run` typed in a shell does not go through make. So `make install` writes
a `.pth` file into the virtual environment's site-packages: Python runs its `import` line at
the start of every interpreter of that environment (every `rasa` command included), and it
sets the variable to `false` unless the user set it themselves.

Run as `python -m scripts.privacy_defaults` with the environment's Python.
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

PTH_NAME = "vigie_privacy_defaults.pth"
#: One line: a `.pth` line that starts with `import` is executed by `site` at start-up.
PTH_LINE = "import os; os.environ.setdefault('RASA_TELEMETRY_ENABLED', 'false')\n"


def site_packages() -> Path:
    """The site-packages folder of the running interpreter's environment."""
    return Path(sysconfig.get_paths()["purelib"])


def install(directory: Path | None = None) -> Path:
    """Write the `.pth` file into `directory` (default: this environment's site-packages)."""
    path = (directory or site_packages()) / PTH_NAME
    path.write_text(PTH_LINE, encoding="utf-8")
    return path


def main() -> int:
    path = install()
    print(f"Rasa telemetry and error reporting off by default in this environment: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
