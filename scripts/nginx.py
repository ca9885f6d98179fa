"""nginx in front of Vigie's processes: renders ``deploy/nginx.conf`` and runs it here.

The deployment guide (``docs/deployment.md``) installs the rendered file into Debian's nginx;
the load test and the nginx test run the same file with a private nginx: a foreground
process on free loopback ports with its own prefix, pid, logs and temporary directories, so
it needs no root and touches nothing of the system's nginx.
"""

from __future__ import annotations

import shutil
import string
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from scripts.processes import ROOT, free_port, stop, wait_until_healthy

TEMPLATE = ROOT / "deploy" / "nginx.conf"
# What Debian's package would hold in /etc/nginx/nginx.conf around conf.d/, kept minimal.
MAIN_CONFIG = """\
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/vigie.conf;
}}
"""


def nginx_binary() -> str:
    """The nginx executable; says how to install it when missing."""
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError(
        "nginx is not installed: `apt-get install nginx` (scripts/ensure-services does it as root)"
    )


def servers(addresses: Sequence[str]) -> str:
    """The ``server`` lines of an upstream block."""
    return "\n    ".join(f"server {address} max_fails=3 fail_timeout=5s;" for address in addresses)


def render(listen: str, rasa: Sequence[str], actions_listen: str, actions: Sequence[str]) -> str:
    """``deploy/nginx.conf`` with its variables filled (nginx's own ``$variables`` kept)."""
    return string.Template(TEMPLATE.read_text()).safe_substitute(
        VIGIE_LISTEN=listen,
        VIGIE_RASA_SERVERS=servers(rasa),
        VIGIE_ACTIONS_LISTEN=actions_listen,
        VIGIE_ACTION_SERVERS=servers(actions),
    )


@dataclass
class Nginx:
    """A private nginx in front of ``rasa`` and ``actions`` (``host:port`` each); a context
    manager. Its ports are chosen at creation, so the Rasa instances can be told the actions
    address before nginx starts."""

    port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    prefix: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def actions_url(self) -> str:
        """The action endpoint URL for endpoints.yml."""
        return f"http://127.0.0.1:{self.actions_port}/webhook"

    def start(self, rasa: Sequence[str], actions: Sequence[str]) -> Nginx:
        binary = nginx_binary()
        self.prefix = Path(tempfile.mkdtemp(prefix="vigie-nginx-"))
        self.prefix.chmod(0o755)  # nginx's workers may run as another user when started as root
        listen, actions_listen = f"127.0.0.1:{self.port}", f"127.0.0.1:{self.actions_port}"
        (self.prefix / "vigie.conf").write_text(render(listen, rasa, actions_listen, actions))
        main = self.prefix / "nginx.conf"
        main.write_text(MAIN_CONFIG.format(prefix=self.prefix))
        # -e: its own start-up log too, never the system's /var/log/nginx.
        command = [
            binary,
            "-p",
            str(self.prefix),
            "-c",
            str(main),
            "-e",
            str(self.prefix / "error.log"),
        ]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{check.stderr}")
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=(self.prefix / "stderr.log").open("w"),
            start_new_session=True,
        )
        # The webhook's GET (verification) answers 403 without a token: any answer means up.
        wait_until_healthy(f"{self.url}/webhooks/whatsapp/", self.process, "nginx", 60)
        return self

    def error_log(self) -> str:
        log = self.prefix / "error.log" if self.prefix else None
        return log.read_text(errors="replace") if log and log.exists() else ""

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process, timeout=10)  # SIGINT: nginx's fast shutdown
        if self.prefix is not None:
            shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self) -> Nginx:
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType
    ) -> None:
        self.stop()
