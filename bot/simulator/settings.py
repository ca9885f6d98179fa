"""The simulator's switches, read from the environment (listed in .env.example)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

ENABLED_VARIABLE = "VIGIE_SIMULATOR"
_TRUE = {"1", "true", "yes", "on"}


def simulator_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``VIGIE_SIMULATOR`` turns the simulator on (it is off by default)."""
    environ = os.environ if environ is None else environ
    return environ.get(ENABLED_VARIABLE, "").strip().lower() in _TRUE


def is_loopback_host(host: str | None) -> bool:
    """Whether ``host`` names this machine only (``localhost``, 127.0.0.0/8, ``::1``)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` points at this machine: simulated sends must never reach Meta."""
    return is_loopback_host(urlsplit(url).hostname)
