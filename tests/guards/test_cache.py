"""The disk cache of compiled lexicons: used when valid, ignored when not, never required."""

from __future__ import annotations

from guards import cache


def test_when_an_entry_is_cached_then_the_next_process_reads_it_without_building(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("GUARDS_CACHE_DIR", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"stop": {"": ["opt_out.command"]}, "words": frozenset({"a", "b"})}

    first = cache.cached("demo", build)
    second = cache.cached("demo", build)
    assert first == second
    assert built == [1]
    assert len(list(tmp_path.glob("demo-*.marshal"))) == 1
    (tmp_path / "demo-0000000000000000.marshal").write_bytes(b"stale")
    cache.cached("other", build)
    assert not (tmp_path / "demo-0000000000000000.marshal").exists()  # pruned


def test_when_the_cache_file_is_corrupt_then_the_value_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GUARDS_CACHE_DIR", str(tmp_path))
    cache.cached("demo", lambda: [1, 2, 3])
    [path] = tmp_path.glob("demo-*.marshal")
    path.write_bytes(b"\x00garbage")
    assert cache.cached("demo", lambda: [4]) == [4]


def test_when_the_cache_is_off_or_unwritable_then_values_are_still_built(tmp_path, monkeypatch):
    monkeypatch.setenv("GUARDS_CACHE_DIR", "off")
    assert cache.cached("demo", lambda: "built") == "built"
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("GUARDS_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("demo", lambda: "built") == "built"
