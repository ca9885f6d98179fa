"""Process-wide settings: the switch interval only shortens, the loaded heap is frozen."""

from __future__ import annotations

import gc
import sys

import pytest

from bot import process_settings


@pytest.fixture
def restore_switch_interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_when_the_interval_is_longer_then_it_is_shortened(restore_switch_interval):
    sys.setswitchinterval(0.005)

    process_settings.shorten_switch_interval()

    assert sys.getswitchinterval() == pytest.approx(process_settings.SWITCH_INTERVAL)


def test_when_the_interval_is_already_shorter_then_it_is_kept(restore_switch_interval):
    sys.setswitchinterval(0.0005)

    process_settings.shorten_switch_interval()

    assert sys.getswitchinterval() == pytest.approx(0.0005)


def test_when_the_heap_is_frozen_then_a_full_collection_skips_the_loaded_objects():
    loaded = [{"weights": [index]} for index in range(50_000)]
    try:
        process_settings.freeze_heap()
        frozen = gc.get_freeze_count()
        gc.collect()
        assert frozen >= len(loaded) and gc.get_freeze_count() == frozen
        assert not any(gc.is_tracked(item) and item in gc.get_objects(2) for item in loaded[:3])
    finally:
        gc.unfreeze()
