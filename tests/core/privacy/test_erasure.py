from core.privacy.erasure import register_eraser, run_erasers, unregister_eraser


async def test_when_erasers_are_registered_then_each_runs_and_a_failure_is_reported():
    calls = []

    async def inbox(sender_id: str) -> int:
        calls.append(("inbox", sender_id))
        return 3

    def broken(sender_id: str) -> int:
        raise RuntimeError("disk full")

    register_eraser("inbox", inbox)
    register_eraser("broken", broken)
    try:
        counts = await run_erasers("someone")
    finally:
        unregister_eraser("inbox")
        unregister_eraser("broken")

    assert counts == {"inbox": 3, "broken": -1}
    assert calls == [("inbox", "someone")]
