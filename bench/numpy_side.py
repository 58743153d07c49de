"""The numpy side of the research benches: the same work as the TypeScript side, timed here.

  python3 bench/numpy_side.py mass <series.f64> <window>...       distance profiles (MASS)
  python3 bench/numpy_side.py universe <closes.f64> <symbols> <sessions> <window> <bootstrap>

Prints one JSON object. Only numpy (Debian's python3-numpy).
"""
import json
import sys
import time

import numpy as np


def mass(pattern, series, series_fft=None):
    """Z-normalised Euclidean distance of the pattern to every window of the series, as stumpy.mass."""
    n, m = len(series), len(pattern)
    if series_fft is None:
        series_fft = np.fft.rfft(series)
    dots = np.fft.irfft(series_fft * np.fft.rfft(pattern[::-1], n), n)[m - 1:]
    c = np.cumsum(np.concatenate(([0.0], series)))
    c2 = np.cumsum(np.concatenate(([0.0], series * series)))
    mu = (c[m:] - c[:-m]) / m
    sigma = np.sqrt(np.maximum((c2[m:] - c2[:-m]) / m - mu * mu, 0))
    r = (dots - m * pattern.mean() * mu) / (m * pattern.std() * sigma)
    return np.sqrt(np.maximum(2 * m * (1 - r), 0))


def median_ms(fn, repeats):
    for _ in range(repeats):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2] * 1e3


def run_mass(path, windows):
    series = np.log(np.fromfile(path, dtype=np.float64))
    series_fft = np.fft.rfft(series)
    out = {}
    for w in windows:
        pattern = series[-w:]
        out[w] = {
            "mass": median_ms(lambda: mass(pattern, series), 201),
            "massKeptFft": median_ms(lambda: mass(pattern, series, series_fft), 201),
        }
    return out


def best_apart(distance, window, top):
    """Greedy best (smallest distance) windows, none overlapping another (NaN/inf never picked)."""
    d = distance.copy()
    picks = []
    for _ in range(top):
        i = int(np.argmin(d))
        if not np.isfinite(d[i]):
            break
        picks.append((d[i], i))
        d[max(0, i - window + 1):i + window] = np.inf
    return picks


def run_universe(path, symbols, sessions, window, bootstrap):
    closes = np.fromfile(path, dtype=np.float64).reshape(symbols, sessions)
    horizons = (21, 63, 126)
    out = {}

    # (a) first new all-time closing high after 252 sessions without one, then the pooled study
    start, cpu = time.perf_counter(), time.process_time()
    prior = np.maximum.accumulate(closes, axis=1)
    is_high = np.zeros_like(closes, dtype=bool)
    is_high[:, 1:] = closes[:, 1:] > prior[:, :-1]
    sym, idx = np.nonzero(is_high)
    gap = np.diff(idx, prepend=-1)
    same = np.concatenate(([False], sym[1:] == sym[:-1]))
    keep = same & (gap > 252)
    ev_sym, ev_idx = sym[keep], idx[keep]
    rng = np.random.default_rng(1)
    study = {}
    for h in horizons:
        ok = ev_idx + h < sessions
        s, t = ev_sym[ok], ev_idx[ok]
        returns = closes[s, t + h] / closes[s, t] - 1
        baseline = closes[:, h:] / closes[:, :-h] - 1
        # clusters: an event less than h sessions after the previous one of its symbol joins it
        new_cluster = np.concatenate(([True], (s[1:] != s[:-1]) | (np.diff(t) >= h)))
        cluster = np.cumsum(new_cluster) - 1
        sums = np.bincount(cluster, weights=returns)
        sizes = np.bincount(cluster).astype(float)
        draws = rng.integers(0, len(sums), size=(bootstrap, len(sums)))
        means = sums[draws].sum(axis=1) / sizes[draws].sum(axis=1)
        per_symbol = np.bincount(s, weights=returns, minlength=symbols) / np.maximum(np.bincount(s, minlength=symbols), 1)
        study[h] = {
            "n": int(len(returns)),
            "mean": float(returns.mean()) if len(returns) else None,
            "baselineMean": float(baseline.mean()),
            "ci": [float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))],
            "symbolsWithEvents": int((per_symbol != 0).sum()),
        }
    out["eventStudyMs"] = (time.perf_counter() - start) * 1e3
    out["eventStudyCpuMs"] = (time.process_time() - cpu) * 1e3
    out["events"] = int(len(ev_idx))
    out["study"] = study

    # (b) one window (symbol 0's last) searched in every symbol, skipping windows on the reference's days
    start, cpu = time.perf_counter(), time.process_time()
    logs = np.log(closes)
    pattern = logs[0, -window:]
    found = []
    chunk = 256
    for first in range(0, symbols, chunk):
        block = logs[first:first + chunk]
        n = block.shape[1]
        dots = np.fft.irfft(np.fft.rfft(block, axis=1) * np.fft.rfft(pattern[::-1], n), n, axis=1)[:, window - 1:]
        c = np.cumsum(np.pad(block, ((0, 0), (1, 0))), axis=1)
        c2 = np.cumsum(np.pad(block * block, ((0, 0), (1, 0))), axis=1)
        mu = (c[:, window:] - c[:, :-window]) / window
        sigma = np.sqrt(np.maximum((c2[:, window:] - c2[:, :-window]) / window - mu * mu, 0))
        r = (dots - window * pattern.mean() * mu) / (window * pattern.std() * sigma)
        distance = np.sqrt(np.maximum(2 * window * (1 - r), 0))
        distance[:, n - 2 * window + 1:] = np.inf  # windows sharing a day with the reference
        for k in range(block.shape[0]):
            found.extend((d, first + k, i) for d, i in best_apart(distance[k], window, 10))
    found.sort()
    out["analogueMs"] = (time.perf_counter() - start) * 1e3
    out["analogueCpuMs"] = (time.process_time() - cpu) * 1e3
    out["best"] = {"symbol": int(found[0][1]), "start": int(found[0][2]), "similarity": float(1 - found[0][0] ** 2 / (2 * window))}
    return out


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "mass":
        print(json.dumps(run_mass(sys.argv[2], [int(w) for w in sys.argv[3:]])))
    elif command == "universe":
        path, symbols, sessions, window, bootstrap = sys.argv[2], *map(int, sys.argv[3:7])
        print(json.dumps(run_universe(path, symbols, sessions, window, bootstrap)))
    else:
        sys.exit(f"unknown command {command}")
