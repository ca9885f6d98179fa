"""Several Rasa instances sharing PostgreSQL or Redis stores, one action server, a fake Graph API.

A harness for the multi-instance tests and ``make load-test``: each instance is a real ``rasa
run`` with the WhatsApp channel (its own ``instance_id``) on the shared inbox, tracker store and
lock store; replies go to the fake Graph API (``tests/fakes/graph_api.py``, started as a process
unless a URL is given), which validates them against Meta's schema. Loopback only.

From Python::

    with Cluster(instances=2, store="postgresql://postgres@127.0.0.1:5432/vigie") as cluster:
        cluster.urls                # ["http://127.0.0.1:PORT", ...]
        cluster.kill(0)             # kill -9, as a crash
        cluster.restart(0)          # same instance id: takes its senders back at once

From a shell (Ctrl-C stops everything)::

    .venv/bin/python -m scripts.cluster --instances 2 --store redis://127.0.0.1:6379/2

``store`` is where every shared thing lives: a PostgreSQL URL (inbox, conversations, locks,
appointments and privacy tables in that database) or a Redis URL (inbox, conversations and
locks in that Redis database; appointments and privacy in SQLite files of the work directory,
shared by the processes of this machine).
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from scripts.processes import (
    MODEL,
    ROOT,
    action_server_args,
    bot_environment,
    free_port,
    wait_until_healthy,
)
from scripts.processes import stop as stop_process

APP_SECRET = "test-app-secret"
CREDENTIALS = {
    "verify_token": "test-verify-token",
    "app_secret": APP_SECRET,
    "access_token": "test-access-token",
    "phone_number_id": "106540352242922",
}
LOCK_STORE = "bot.stores.lock_store.VigieLockStore"
TRACKER_STORE = "bot.stores.tracker_store.VigieTrackerStore"
START_TIMEOUT_SECONDS = 300.0


def is_redis(url: str) -> bool:
    return url.startswith(("redis://", "rediss://"))


@dataclass
class Instance:
    """One `rasa run` of the cluster."""

    name: str
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def webhook_url(self) -> str:
        return f"{self.url}/webhooks/whatsapp/webhook"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Cluster:
    """N Rasa instances (+1 action server) on shared stores; a context manager.

    Args:
        instances: how many Rasa instances.
        store: a PostgreSQL or Redis URL (see the module's docstring).
        fake_url: a running fake Graph API; one is started (as a process) when not given.
        work_dir: where configuration files and logs go; a temporary one when not given.
        model: the trained model.
        extra_env: more environment variables for every process (e.g. lease settings).
        lock_store_url: the lock store's URL; ``store`` when not given, "" for none (to test
            the start-up refusal).
        actions_url: the action endpoint the instances call (e.g. a load balancer in front of
            the action server); the action server itself when not given.
    """

    instances: int = 2
    store: str = "postgresql://postgres@127.0.0.1:5432/test"
    fake_url: str | None = None
    work_dir: Path | None = None
    model: Path = MODEL
    extra_env: dict[str, str] = field(default_factory=dict)
    lock_store_url: str | None = None
    actions_url: str | None = None
    actions_port: int = 0
    members: list[Instance] = field(default_factory=list)
    _fake: subprocess.Popen[bytes] | None = None
    _actions: subprocess.Popen[bytes] | None = None
    _own_dir: bool = False

    # --- life cycle -----------------------------------------------------------------------
    def start(self) -> Cluster:
        """Starts the fake (if needed), the action server and every instance; waits for all."""
        if self.work_dir is None:
            self.work_dir = Path(tempfile.mkdtemp(prefix="vigie-cluster-"))
            self._own_dir = True
        self.work_dir.mkdir(parents=True, exist_ok=True)
        try:
            if self.fake_url is None:
                self._start_fake()
            self.actions_port = free_port()
            self._actions = self._popen(
                "actions", action_server_args(self.actions_port), self.work_dir / "actions.log"
            )
            self._write_config(self.actions_port)
            wait_until_healthy(
                f"http://127.0.0.1:{self.actions_port}/health", self._actions, "action server"
            )
            self.members = [
                Instance(f"rasa-{index}", free_port(), self.work_dir / f"rasa-{index}.log")
                for index in range(self.instances)
            ]
            for member in self.members:
                self._launch(member)
            for member in self.members:
                self.wait_ready(member)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stops every process (SIGTERM, then SIGKILL); removes a temporary work directory."""
        for member in self.members:
            if member.process is not None:
                stop_process(member.process, timeout=20)
        for process in (self._actions, self._fake):
            if process is not None:
                stop_process(process)
        if self._own_dir and self.work_dir is not None:
            shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType
    ) -> None:
        self.stop()

    # --- what tests and the load test use -----------------------------------------------
    @property
    def urls(self) -> list[str]:
        return [member.url for member in self.members]

    def kill(self, index: int) -> None:
        """kill -9 of one instance: no shutdown hook runs, as in a crash."""
        process = self.members[index].process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(30)

    def terminate(self, index: int, timeout: float = 60.0) -> int:
        """SIGTERM to one instance; waits for it to exit and returns its exit code."""
        process = self.members[index].process
        assert process is not None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        return process.wait(timeout)

    def restart(self, index: int, wait: bool = True) -> None:
        """Starts instance ``index`` again (same name, same port) after it stopped."""
        member = self.members[index]
        if member.running:
            raise RuntimeError(f"{member.name} is still running")
        self._launch(member)
        if wait:
            self.wait_ready(member)

    def wait_ready(self, member: Instance, timeout: float = START_TIMEOUT_SECONDS) -> None:
        assert member.process is not None
        try:
            wait_until_healthy(
                f"{member.url}/webhooks/whatsapp/", member.process, member.name, timeout
            )
        except RuntimeError as error:
            raise RuntimeError(f"{error}; log:\n{self.log_tail(member)}") from None

    def log_tail(self, member: Instance, chars: int = 3000) -> str:
        return member.log.read_text(errors="replace")[-chars:] if member.log.exists() else ""

    # --- set-up ----------------------------------------------------------------------------
    def _start_fake(self) -> None:
        assert self.work_dir is not None
        port = free_port()
        self._fake = self._popen(
            "fake Graph API",
            [sys.executable, "-m", "tests.fakes.graph_api", "--port", str(port)],
            self.work_dir / "fake-graph.log",
        )
        self.fake_url = f"http://127.0.0.1:{port}"
        wait_until_healthy(f"{self.fake_url}/_control/requests", self._fake, "fake Graph API")

    def environment(self) -> dict[str, str]:
        """What every process of the cluster gets (shared databases, no developer files)."""
        assert self.work_dir is not None
        env = bot_environment()
        if is_redis(self.store):
            sql = f"sqlite:///{self.work_dir}/shared.db"
            env["VIGIE_APPOINTMENTS_DB_URL"] = f"sqlite:///{self.work_dir}/appointments.db"
            env["VIGIE_PRIVACY_DB_URL"] = sql
        else:
            env["VIGIE_APPOINTMENTS_DB_URL"] = self.store
            env["VIGIE_PRIVACY_DB_URL"] = self.store
        env.setdefault("VIGIE_SUBJECT_HASH_SECRET", "cluster-test-secret")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.update(self.extra_env)
        return env

    def _write_config(self, actions_port: int) -> None:
        assert self.work_dir is not None and self.fake_url is not None
        lock_url = self.store if self.lock_store_url is None else self.lock_store_url
        endpoints = [
            "action_endpoint:",
            f'  url: "{self.actions_url or f"http://127.0.0.1:{actions_port}/webhook"}"',
            "nlg:",
            "  type: bot.nlg.GuardedNLG",
            "tracker_store:",
            f"  type: {TRACKER_STORE}",
            f"  url: {json.dumps(self.store)}",
        ]
        if lock_url:
            endpoints += ["lock_store:", f"  type: {LOCK_STORE}", f"  url: {json.dumps(lock_url)}"]
        (self.work_dir / "endpoints.yml").write_text("\n".join(endpoints) + "\n")

    def _credentials(self, member: Instance) -> Path:
        assert self.work_dir is not None
        section = {
            **CREDENTIALS,
            "api_base_url": self.fake_url,
            "inbox_url": self.store,
            "instance_id": member.name,
        }
        lines = ["bot.channels.whatsapp.WhatsAppInput:"]
        lines += [f"  {key}: {json.dumps(value)}" for key, value in section.items()]
        lines += ["rest:", "bot.channels.operations.OperationsInput:"]
        path = self.work_dir / f"credentials-{member.name}.yml"
        path.write_text("\n".join(lines) + "\n")
        return path

    def _launch(self, member: Instance) -> None:
        assert self.work_dir is not None
        rasa = str(Path(sys.executable).with_name("rasa"))
        args = [
            rasa,
            "run",
            "-m",
            str(self.model),
            "--credentials",
            str(self._credentials(member)),
            "--endpoints",
            str(self.work_dir / "endpoints.yml"),
            "-i",
            "127.0.0.1",
            "-p",
            str(member.port),
        ]
        member.process = self._popen(member.name, args, member.log, append=True)

    def _popen(
        self, name: str, args: list[str], log: Path, append: bool = False
    ) -> subprocess.Popen[bytes]:
        with log.open("a" if append else "w") as output:
            return subprocess.Popen(
                args,
                cwd=ROOT,
                env=self.environment(),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--store", required=True, help="a PostgreSQL or Redis URL")
    parser.add_argument("--fake-url", help="a running fake Graph API (else one is started)")
    args = parser.parse_args(argv)
    cluster = Cluster(instances=args.instances, store=args.store, fake_url=args.fake_url)
    with cluster:
        print(json.dumps({"instances": cluster.urls, "fake_graph_api": cluster.fake_url}))
        print(f"logs in {cluster.work_dir}; Ctrl-C stops everything", flush=True)
        try:
            while all(member.running for member in cluster.members):
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()


__all__ = ["APP_SECRET", "CREDENTIALS", "Cluster", "Instance"]
