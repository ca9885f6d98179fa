"""Benchmark of `guards`: `make bench-guards`, or `python -m scripts.bench_guards`.

Prints figures, times nothing in the test suite. Pinned to one core when the OS allows.

1. Inbound `check` (what the NLU component runs on every user message) over realistic chat
   messages of up to 200 characters, English and French, some with numbers: p50 and p99.
   Goals: p50 <= 20 us, p99 <= 100 us. Also `redact` (the tracker store, every user text) and
   outbound `check` (every bot message), for information.
2. A 4,096-character message (WhatsApp's longest text): goal <= 5 ms.
3. Adversarial inputs at 1k to 16k characters: the time per character must stay flat
   (linear time), and any 4,096-character input takes <= 5 ms: digit soup, "123-45-"
   repeated, separators everywhere, IBAN-like starts, repeated phrase words.
4. Throughput of `python -m guards check` in messages per second (goal >= 20,000), after
   its start-up (which loads the compiled lexicons, cached on disk by `guards.cache`).

On a machine shared with other work, single calls are pre-empted: the "best of 5" rows and
the CPU time of the process are the code's own cost.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial

import guards

CHAT = [
    "Hello, I would like to book an appointment with Dr Martin tomorrow morning, is it possible?",
    "Bonjour, je voudrais prendre rendez-vous avec le Dr Martin demain matin, c'est possible ?",
    "What time does the town hall open on Saturday?",
    "À quelle heure ouvre la mairie le samedi ?",
    "Thanks a lot!",
    "Merci beaucoup, bonne journée",
    "STOP",
    "Arrêt",
    "please stop messaging me",
    "je ne veux plus recevoir vos messages",
    "How do I renew my ID card? I lost it last week.",
    "Comment renouveler ma carte d'identité ? Je l'ai perdue.",
    "My number is 06 12 34 56 78, call me back after 18:00 please",
    "Mon numéro : 06 12 34 56 78, rappelez-moi après 18h",
    "my card is 4111 1111 1111 1111, can you check the payment?",
    "Voici mon IBAN : FR76 3000 6000 0112 3456 7890 189",
    "My social security number is 123-45-6789",
    "mon numéro de sécu c'est 1 85 05 78 006 084 91",
    "Do you have Doliprane in stock? How much is it?",
    "Vous avez du Doliprane 1000 en stock ?",
    "What is paracetamol used for?",
    "can I take ibuprofen with paracetamol?",
    "I need a COVID test before travelling on 12/03/2025, where can I go?",
    "Is the vaccination centre open on Sunday 15 June 2025 at 10:30?",
    "Where do I put my recycling bins? The truck did not come on 3 May.",
    "Il y a un nid de poule rue Victor Hugo, devant le numéro 12.",
    "My reference is 2024-000123, the application was sent 2 weeks ago",
    "hi",
    "ok",
    "Can I stop by tomorrow to drop the documents?",
    "arrêt de bus Mairie : le bus 12 passe à quelle heure ?",
    "I want to apply for the business support grant of 5,000 EUR for my shop",
]


def pin_one_core() -> str:
    try:
        cpu = sorted(os.sched_getaffinity(0))[-1]
        os.sched_setaffinity(0, {cpu})
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"
    return f"pinned to CPU {cpu}"


def per_call_us(func: Callable[[str], object], messages: list[str], calls: int) -> list[float]:
    for message in messages:  # warm the caches: lexicons, regexes, stdnum modules
        func(message)
    clock = time.perf_counter_ns
    times = []
    gc.collect()
    for i in range(calls):
        message = messages[i % len(messages)]
        start = clock()
        func(message)
        times.append((clock() - start) / 1000)
    return times


def best_per_message_us(
    func: Callable[[str], object], messages: list[str], repeat: int = 5
) -> list[float]:
    """Each message's fastest of `repeat` back-to-back calls: the cost of the code itself,
    without the pre-emptions by other processes that a shared machine adds to single calls."""
    clock = time.perf_counter_ns
    times = []
    for message in messages:
        best = float("inf")
        for _ in range(repeat):
            start = clock()
            func(message)
            best = min(best, clock() - start)
        times.append(best / 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def best_of(
    func: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The fastest of `repeat` runs, in seconds: the least disturbed by other processes.
    With ``clock=time.thread_time``, CPU time: what other processes take is not counted."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        func()
        best = min(best, clock() - start)
    return best


def check_both(text: str) -> object:
    """Both directions of the guards on one text."""
    return guards.check(text), guards.check(text, "outbound")


def _row(name: str, times: list[float], goal: tuple[int, int] | None) -> str:
    p50, p99 = percentile(times, 0.50), percentile(times, 0.99)
    mean = statistics.fmean(times)
    line = f"     {name:<15} p50 {p50:7.1f} us   p99 {p99:7.1f} us   mean {mean:7.1f} us"
    if goal:
        ok = p50 <= goal[0] and p99 <= goal[1]
        line += f"   (goal p50 <= {goal[0]}, p99 <= {goal[1]}: {verdict(ok)})"
    return line


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def chat_messages(count: int, rng: random.Random) -> list[str]:
    messages = [rng.choice(CHAT) for _ in range(count)]
    assert all(len(m) <= 200 for m in messages)
    return messages


def long_message(rng: random.Random, size: int = 4096) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) + len(parts) < size:
        parts.append(rng.choice(CHAT))
    return " ".join(parts)[:size]


def adversarial(name: str, size: int, rng: random.Random) -> str:
    if name == "digit soup":
        text = "".join(rng.choice("0123456789") for _ in range(size))
    elif name == "123-45- repeated":
        text = "123-45-" * (size // 7 + 1)
    elif name == "separators everywhere":
        text = "".join(rng.choice("0123456789") + rng.choice(" .-") for _ in range(size // 2 + 1))
    elif name == "IBAN-like starts":
        text = "FR76 " * (size // 5 + 1)
    elif name == "4111 repeated":
        text = "4111 " * (size // 5 + 1)
    elif name == "negated phrases":
        text = "never send your card. buy. paracetamol. " * (size // 40 + 1)
    else:  # phrase words
        text = "stop buy paracetamol please send your card " * (size // 43 + 1)
    return text[:size]


ADVERSARIAL = (
    "digit soup",
    "123-45- repeated",
    "separators everywhere",
    "IBAN-like starts",
    "4111 repeated",
    "phrase words",
    "negated phrases",
)


def cli_throughput(messages: list[str]) -> tuple[float, float, float]:
    """``(messages per second, the same in CPU time of the process, start-up seconds)`` of
    the CLI, start-up excluded (a run with no input is subtracted, best of 3 each). On a
    machine shared with other work the wall-clock rate counts the time other processes hold
    the CPU; the CPU-time rate is the code's own."""
    payload = "".join(
        json.dumps({"id": i, "text": m, "direction": "inbound"}) + "\n"
        for i, m in enumerate(messages)
    )
    command = [sys.executable, "-m", "guards", "check"]

    def run(data: str) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, input=data, capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert result.stdout.count("\n") == data.count("\n")
        return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    idle = [run("") for _ in range(3)]
    full = [run(payload) for _ in range(3)]
    wall = min(f[0] for f in full) - min(i[0] for i in idle)
    cpu = min(f[1] for f in full) - min(i[1] for i in idle)
    count = len(messages)
    return count / max(wall, 1e-9), count / max(cpu, 1e-9), min(i[0] for i in idle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=20000, help="timed calls per figure")
    parser.add_argument("--cli-messages", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"guards benchmark, Python {sys.version.split()[0]}, {pin_one_core()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "")

    messages = chat_messages(1000, rng)
    print(f"\n1. chat messages (<= 200 chars, en/fr, {args.calls} timed calls)")
    rows: list[tuple[str, Callable[[str], object], tuple[int, int] | None]] = [
        ("check inbound", lambda m: guards.check(m, "inbound"), (20, 100)),
        ("redact", guards.redact, None),
        ("check outbound", lambda m: guards.check(m, "outbound"), None),
    ]
    print("   each call timed alone (includes pre-emption by other processes on this machine):")
    for name, func, goal in rows:
        times = per_call_us(func, messages, args.calls)
        print(_row(name, times, goal))
    print("   each message's best of 5 calls (the code's own cost):")
    for name, func, goal in rows:
        print(_row(name, best_per_message_us(func, messages), goal))

    text = long_message(rng)
    guards.check(text)
    seconds = best_of(lambda: guards.check(text), 50)
    print(
        f"\n2. one {len(text)}-character message: check inbound {seconds * 1e3:.3f} ms "
        f"(goal <= 5 ms: {verdict(seconds <= 0.005)})"
    )
    seconds = best_of(lambda: guards.check(text, "outbound"), 50)
    print(
        f"   check outbound {seconds * 1e3:.3f} ms, redact "
        f"{best_of(lambda: guards.redact(text), 50) * 1e3:.3f} ms"
    )

    sizes = (1000, 2000, 4096, 8000, 16000)
    print("\n3. adversarial inputs, check inbound and outbound: ms (ns per character);")
    print("   linear time = flat ns per character; goal at 4,096 characters: each <= 5 ms")
    print("   " + f"{'input':<22}" + "".join(f"{s:>18}" for s in sizes) + "   16k/1k per char")
    worst = worst_cpu = 0.0
    for name in ADVERSARIAL:
        cells, per_char = [], []
        for size in sizes:
            sample = adversarial(name, size, rng)
            if size == 4096:
                for direction in ("inbound", "outbound"):
                    call = partial(guards.check, sample, direction)
                    worst = max(worst, best_of(call, 5))
                    worst_cpu = max(worst_cpu, best_of(call, 5, time.thread_time))
            seconds = best_of(partial(check_both, sample), 5)
            per_char.append(seconds * 1e9 / size)
            cells.append(f"{seconds * 1e3:8.2f} ({per_char[-1]:5.0f})")
        ratio = per_char[-1] / per_char[0]
        print(f"   {name:<22}" + "".join(f"{c:>18}" for c in cells) + f"   {ratio:9.2f}")
    print(
        f"   slowest 4,096-character check (one direction): {worst * 1e3:.2f} ms "
        f"(goal <= 5 ms: {verdict(worst <= 0.005)}); in CPU time {worst_cpu * 1e3:.2f} ms "
        f"({verdict(worst_cpu <= 0.005)})"
    )

    rate, cpu_rate, startup = cli_throughput(chat_messages(args.cli_messages, rng))
    print(
        f"\n4. python -m guards check: {rate:,.0f} messages/s after a start-up of "
        f"{startup * 1e3:.0f} ms ({args.cli_messages} messages; goal >= 20,000: "
        f"{verdict(rate >= 20_000)});\n   in CPU time of the process: {cpu_rate:,.0f} "
        f"messages/s ({verdict(cpu_rate >= 20_000)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
