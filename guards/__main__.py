"""``python -m guards``: see `guards.cli`."""

import sys

from guards.cli import main

sys.exit(main())
