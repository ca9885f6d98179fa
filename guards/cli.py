"""The command line, a stable contract for scripts.

``python -m guards check``
    Reads JSON lines on standard input, ``{"id": ..., "text": "...", "direction":
    "inbound" | "outbound"}`` (``direction`` defaults to ``"inbound"``), and writes one JSON
    line per input line, in order: ``{"id": <same>, "findings": [{"kind": "...", "start": N,
    "end": N}, ...], "redacted": "..."}``. ``start``/``end`` are given for the number kinds
    only. ``redacted`` is the text with every sensitive number replaced by ``[<kind>]``.
    A line that cannot be handled (not JSON, not an object, no string ``text``, unknown
    ``direction``, blank) gets ``{"id": <id or null>, "error": "..."}`` and the run goes on,
    so output line N always answers input line N. A finding also has ``detail`` (the rule
    that fired) and, for ``opt_out``, ``certain``. The answers to what has arrived are
    flushed before waiting for more input, so a process can use it as a co-process; a batch
    piped in is answered with one write per block read. Exit status 0, or 2 on a usage
    error.

``python -m guards lint [PATH ...]``
    Lints Rasa responses, forms and stories for the outbound guards and WhatsApp's limits;
    see `guards.lint`. Exit status 1 when there is any error. ``--notes`` also prints
    informational notes (a response whose buttons will be sent as a list).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from guards.api import check, preload, redact
from guards.errors import GuardsError

__all__ = ["check_lines", "main", "serve"]


def _handle(line: str) -> dict[str, object]:
    if not line.strip():
        return {"id": None, "error": "empty line"}
    try:
        request = json.loads(line)
    except ValueError as error:
        return {"id": None, "error": f"not JSON: {error}"}
    if not isinstance(request, dict):
        return {"id": None, "error": "expected a JSON object"}
    ident = request.get("id")
    text = request.get("text")
    if not isinstance(text, str):
        return {"id": ident, "error": "'text' must be a string"}
    direction = request.get("direction", "inbound")
    try:
        findings = check(text, direction)
    except GuardsError as error:
        return {"id": ident, "error": str(error)}
    return {
        "id": ident,
        "findings": [finding.to_dict() for finding in findings],
        "redacted": redact(text, findings) if direction == "inbound" else redact(text),
    }


def check_lines(lines: Iterable[str], out: TextIO) -> int:
    """Answer each JSON line of `lines` on `out`; return how many lines were answered."""
    count = 0
    for line in lines:
        out.write(json.dumps(_handle(line), ensure_ascii=False) + "\n")
        out.flush()
        count += 1
    return count


def serve(fd: int, out: TextIO, block: int = 1 << 16) -> int:
    """Answer the JSON lines read from file descriptor `fd` on `out`, flushing after each
    block read: a co-process gets its answer as soon as its line is in, a batch is not
    flushed line by line. Returns how many lines were answered."""
    preload()  # load the lexicons before the first line arrives
    count = 0
    pending = b""
    while True:
        chunk = os.read(fd, block)
        if not chunk:
            break
        *lines, pending = (pending + chunk).split(b"\n")
        out.write("".join(_answer(line) for line in lines))
        out.flush()
        count += len(lines)
    if pending:
        out.write(_answer(pending))
        out.flush()
        count += 1
    return count


def _answer(raw: bytes) -> str:
    line = raw.decode("utf-8", errors="replace")
    return json.dumps(_handle(line), ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m guards``."""
    parser = argparse.ArgumentParser(prog="python -m guards", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check JSON lines from standard input")
    lint = commands.add_parser("lint", help="lint Rasa domain and training data")
    lint.add_argument("paths", nargs="*", help="files or folders (default: domain.yml data)")
    lint.add_argument("--notes", action="store_true", help="also print informational notes")
    args = parser.parse_args(argv)
    if args.command == "check":
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        serve(sys.stdin.fileno(), sys.stdout)
        return 0
    from guards.lint import run

    paths = args.paths or [p for p in ("domain.yml", "data") if Path(p).exists()]
    if not paths:
        print("guards lint: no domain.yml or data/ here; name the paths to lint", file=sys.stderr)
        return 2
    return run(paths, sys.stdout, notes=args.notes)
