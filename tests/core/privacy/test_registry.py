import pytest

from core.privacy.registry import PrivacyRegistry
from core.privacy.subjects import subject_hash
from tests.services import require_postgres


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def registry(request, tmp_path) -> PrivacyRegistry:
    if request.param == "sqlite":
        return PrivacyRegistry(f"sqlite:///{tmp_path / 'privacy.db'}")
    return PrivacyRegistry(require_postgres())


def test_when_a_sender_opts_out_then_only_a_keyed_hash_is_kept(registry, monkeypatch):
    sender = "33612345678-registry-test"
    registry.lift(sender)
    registry.suppress(sender)
    registry.suppress(sender)  # idempotent

    assert registry.is_suppressed(sender)
    with registry.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT subject_hash FROM vigie_suppressions").all()
    stored = {row.subject_hash for row in rows}
    assert subject_hash(sender) in stored
    assert not any(sender in value for value in stored)


def test_when_the_sender_opts_in_again_then_the_suppression_is_lifted(registry):
    sender = "33700000000-opt-in-test"
    registry.suppress(sender)

    assert registry.lift(sender) is True
    assert not registry.is_suppressed(sender)
    assert registry.lift(sender) is False


def test_when_an_erasure_is_audited_then_counts_are_kept_without_the_sender_id(registry):
    sender = "33711111111-audit-test"
    registry.record_erasure(sender, {"tracker_events": 12, "appointments": 1})

    assert registry.erasures(sender)[-1] == {"appointments": 1, "tracker_events": 12}
    with registry.engine.connect() as connection:
        dump = str(connection.exec_driver_sql("SELECT * FROM vigie_erasure_audit").all())
    assert sender not in dump


def test_when_the_secret_changes_then_hashes_change(monkeypatch):
    from core.privacy import subjects

    monkeypatch.setenv("VIGIE_SUBJECT_HASH_SECRET", "one")
    subjects._secret.cache_clear()
    first = subject_hash("same sender")
    monkeypatch.setenv("VIGIE_SUBJECT_HASH_SECRET", "two")
    subjects._secret.cache_clear()
    second = subject_hash("same sender")
    subjects._secret.cache_clear()

    assert first != second and len(first) == 64


def test_when_two_processes_open_one_database_then_they_agree_on_its_identity(registry):
    """Whatever URL each was given (here the same database opened twice, concurrently)."""
    from concurrent.futures import ThreadPoolExecutor

    others = [PrivacyRegistry(registry.engine.url.render_as_string(False)) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        identities = set(pool.map(PrivacyRegistry.identity, [registry, *others]))

    assert len(identities) == 1


def test_when_two_databases_are_used_then_their_identities_differ(tmp_path):
    one = PrivacyRegistry(f"sqlite:///{tmp_path / 'one.db'}")
    other = PrivacyRegistry(f"sqlite:///{tmp_path / 'other.db'}")

    assert one.identity() != other.identity()
    assert one.identity() == PrivacyRegistry(f"sqlite:///{tmp_path / 'one.db'}").identity()
