"""Timing helpers and a record of the machine a benchmark ran on."""
import os
import platform
import statistics
import sys
import time

import numpy as np


def timed(fn, repeats):
    """Run ``fn()`` ``repeats`` times: (median seconds, all seconds, last result)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def status(key):
    """A memory figure of this process from /proc/self/status in bytes: VmRSS (now), VmHWM (peak).

    VmHWM rather than ru_maxrss, which Linux carries over exec from the parent of a subprocess."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {key} in /proc/self/status")


def peak_rss_bytes():
    """Peak resident set size of this process so far."""
    return status("VmHWM")


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _blas():
    try:
        deps = np.show_config(mode="dicts")["Build Dependencies"]
        blas = deps.get("blas", {})
        return f"{blas.get('name', '?')} {blas.get('version', '?')}"
    except Exception as exc:  # numpy builds differ in what they record
        return f"unknown ({exc})"


def _memory_total():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def machine_info():
    """Cores, CPU, memory, Python, numpy, BLAS, BLAS-related environment and the load average."""
    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": _cpu_model(),
        "memory_bytes": _memory_total(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "numpy": np.__version__,
        "blas": _blas(),
        "env": {k: v for k, v in sorted(os.environ.items())
                if k.startswith(("OPENBLAS_", "OMP_", "MKL_"))},
        "load_average_start": os.getloadavg(),
    }
