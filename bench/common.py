"""What the benchmarks share (not a test; see api.py and dashboard.py)."""

import statistics
import time


def median_ms(fn, repeat: int) -> float:
    """The median wall time of `fn` in milliseconds over `repeat` runs, after one to warm up."""
    fn()  # warm caches and connections
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
