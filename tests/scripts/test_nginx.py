"""The documented deployment, run here: two Rasa instances and the action server behind nginx
(``deploy/nginx.conf``, random balancing, no sticky sessions) on a shared PostgreSQL.

Each user's messages go through nginx to whichever instance it picks; every one must be
answered once, in order, and both instances must have taken webhooks. Only the webhook is
public through nginx; each instance's /metrics and /health/ready answer on its own address.
"""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from scripts.load_test import (
    Figures,
    behind_nginx,
    check,
    play,
    schema_violations,
    wait_processed,
)
from scripts.nginx import MAIN_CONFIG, nginx_binary, render
from tests.services import require_postgres

USERS, MESSAGES = 6, 3


def scraped(instance_url: str, name: str, **labels: str) -> float:
    """One sample of an instance's /metrics (0 when absent)."""
    with urllib.request.urlopen(f"{instance_url}/metrics", timeout=10) as answer:
        text = answer.read().decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_when_the_template_is_rendered_then_nginx_accepts_it_and_keeps_its_own_variables(
    tmp_path: Path,
) -> None:
    conf = render(
        "127.0.0.1:18080",
        ["127.0.0.1:5005", "10.0.0.2:5005"],
        "127.0.0.1:18081",
        ["127.0.0.1:5055"],
    )
    (tmp_path / "vigie.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(MAIN_CONFIG.format(prefix=tmp_path))
    command = [nginx_binary(), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    check = subprocess.run(
        [*command, "-e", str(tmp_path / "error.log"), "-t"], capture_output=True, text=True
    )

    assert check.returncode == 0, check.stderr
    assert "${VIGIE" not in conf
    assert "server 10.0.0.2:5005" in conf and "server 127.0.0.1:5055" in conf
    assert "$proxy_add_x_forwarded_for" in conf  # nginx's own variables are left alone
    directives = [line.strip() for line in conf.splitlines() if not line.strip().startswith("#")]
    assert "random two least_conn;" in directives  # no affinity: any instance, any webhook
    assert not [d for d in directives if d.startswith(("ip_hash", "hash ", "sticky"))]


@pytest.mark.model
@pytest.mark.process
@pytest.mark.postgres
async def test_when_webhooks_go_through_nginx_to_two_instances_then_all_answered_in_order():
    store = require_postgres()
    figures = Figures("2 instances behind nginx")
    async with behind_nginx(store, instances=2) as (cluster, nginx, _):
        url = f"{nginx.url}/webhooks/whatsapp/webhook"
        await play(url, USERS, MESSAGES, (0.05, 0.15), figures)
        await wait_processed(store, figures.sent, timeout=120)
        check(store, figures)
        assert cluster.fake_url is not None
        figures.refused = len(schema_violations(cluster.fake_url))
        per_instance = [
            scraped(url, "vigie_whatsapp_webhooks_total", outcome="accepted")
            for url in cluster.urls
        ]
        lock_waits = [scraped(address, "vigie_lock_wait_seconds_count") for address in cluster.urls]
        ready = [status(f"{member_url}/health/ready") for member_url in cluster.urls]
        public = {path: status(f"{nginx.url}{path}") for path in ("/metrics", "/health/ready")}
        public["rest"] = status(f"{nginx.url}/webhooks/rest/webhook")

    assert len(figures.sent) == USERS * MESSAGES and figures.failed_posts == 0
    assert (figures.lost, figures.duplicated, figures.inversions) == (0, 0, 0)
    assert (figures.unanswered, figures.refused) == (0, 0)
    assert all(count > 0 for count in per_instance), f"webhooks per instance: {per_instance}"
    assert sum(per_instance) == USERS * MESSAGES
    assert sum(lock_waits) >= USERS * MESSAGES  # every turn took its conversation's lock
    assert ready == [200, 200]
    assert set(public.values()) == {404}, public
