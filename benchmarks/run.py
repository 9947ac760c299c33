"""Performance figures of twolevel, measured in one run: ``python benchmarks/run.py [--quick]``.

a. kernel throughput: Nash, one veto constituency per side, 10^6 and 10^7 random scenarios, each
   in one call of ``solve_arrays(..., intervals=False)``; median of several repeats;
s. the three solutions (Nash, Kalai-Smorodinsky, Rubinstein) on part a's smaller set, and Nash
   with the win-sets and the ZOPA asked for (``intervals=True``);
b. the reference solver per scenario on a sample of the same scenarios; kernel / reference ratio;
c. the physical limit: a compiled two-thread loop that reads the kernel's inputs and writes its
   outputs (benchmarks/baseline.py); the kernel's time over the baseline's;
t. thread scaling: the kernel and the baseline with 1 and with 2 threads, 10^6 scenarios;
p. the profile of the blocks as they run in threads (profile_kernel.py): per thread its blocks,
   busy time and when its last block ended, and a timeline (benchmarks/results*-blocks.png);
h. a one-line numpy closed form (linear problem, Nash: x = theta r_P + (1 - theta) r_H clipped to
   [r_P, r_H] and [0, 1]) against the kernel on the same 10^6 problems;
d. NegMAS's Nash point of the discretised single-issue linear problem against the kernel's, per
   call (one problem through each API) and per problem in a batch;
f. scenarios per second for m = 1..16 equal-weight constituencies per side (quota 0.5;
   bench_constituencies.py, in a subprocess), with its peak resident memory;
e. a 10^8-point grid sweep streamed to disk in a subprocess: wall time split into solving (the
   kernel alone, and with the design) and writing, and peak resident memory (10^6 points with
   --quick; skipped with --no-sweep).
Every ratio is against a baseline measured in the same run. Results: a table on stdout and
benchmarks/results.json and .md (results-quick.* with --quick).
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import negmas_nash  # noqa: E402
import profile_kernel  # noqa: E402
import scenarios  # noqa: E402
from machine import machine_info, peak_rss_bytes, timed  # noqa: E402

import twolevel.negotiation.kernel as kernel_module  # noqa: E402
from twolevel.negotiation.kernel import solve_arrays  # noqa: E402
from twolevel.negotiation.reference import Reference  # noqa: E402

GIB = 2.0 ** 30
TARGET_REFERENCE = 1000.0      # kernel >= 1,000 x the reference solver, in scenarios per second
TARGET_BANDWIDTH = 3.0         # kernel within 3 x the two-thread read+write baseline
TARGET_THREADS = 1.8           # two threads at least 1.8 x one
TARGET_M8 = 30.0               # m = 8 per side at most 30 x slower per scenario than m = 1
TARGET_SWEEP = 1.5             # sweep wall time at most 1.5 x the kernel alone
TARGET_SWEEP_RSS = 2 * GIB     # peak resident memory of the 10^8-point sweep


def kernel(home, partner, power):
    return solve_arrays(home, partner, power, "nash", intervals=False)


def part_a(sizes, repeats):
    """Kernel scenarios per second at each size, one call each; the scenarios of the smaller sizes
    are the first ones of the largest."""
    home, partner, power = scenarios.veto(max(sizes), seed=1)
    rows, outs = [], {}
    for n in sizes:
        h, p, th = home.take(slice(0, n)), partner.take(slice(0, n)), power[:n]
        kernel(h, p, th)  # warm-up (imports, page faults of the first allocation)
        med, times, out = timed(lambda: kernel(h, p, th), repeats)
        outs[n] = (h, p, th, out)
        rows.append(dict(n=n, calls=1, repeats=repeats, median_s=med, times_s=times,
                         scenarios_per_s=n / med, agreement_share=float(out.agreement.mean()),
                         side_payment_home_share=float(np.nanmean(out.side_payment_home > 0)),
                         side_payment_partner_share=float(np.nanmean(out.side_payment_partner > 0)),
                         peak_rss_gib_after=peak_rss_bytes() / GIB))
    return rows, outs


def part_s(run, repeats):
    """Each solution, and Nash with the intervals, on the same scenarios: seconds and the ratio to
    Nash without intervals."""
    home, partner, power, _ = run
    rows = []
    for solution, intervals in (("nash", False), ("kalai-smorodinsky", False),
                                ("rubinstein", False), ("nash", True)):
        def call():
            return solve_arrays(home, partner, power, solution, intervals=intervals)
        call()
        med, _, _ = timed(call, repeats)
        rows.append(dict(solution=solution, intervals=intervals, median_s=med,
                         scenarios_per_s=home.n / med))
    for row in rows:
        row["over_nash"] = row["median_s"] / rows[0]["median_s"]
    return dict(n=home.n, rows=rows)


def first_call():
    """Seconds of the kernel's first call in a fresh process with numba's cache off (the compile
    time a new installation pays once)."""
    code = ("import time, sys; sys.path.insert(0, %r); import scenarios; "
            "from twolevel.negotiation.kernel import solve_arrays; h, p, t = scenarios.veto(10); "
            "s = time.perf_counter(); solve_arrays(h, p, t); print(time.perf_counter() - s)"
            % str(HERE))
    with tempfile.TemporaryDirectory(prefix="twolevel-numba-") as cache:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=dict(os.environ, NUMBA_CACHE_DIR=cache), check=True)
    return float(proc.stdout.strip().splitlines()[-1])


def part_b(sample, run, kernel_rate):
    """Reference solver per scenario on the first ``sample`` scenarios of part a's 10^6 run."""
    home, partner, power, kernel_out = run
    Reference.from_arrays(home, partner, power, 0).solve("nash")  # warm-up
    times, xs = [], []
    for i in range(sample):
        start = time.perf_counter()
        res = Reference.from_arrays(home, partner, power, i).solve("nash")
        times.append(time.perf_counter() - start)
        xs.append(res.concession if res.agreement else math.nan)
    xs = np.array(xs)
    kx = kernel_out.concession[:sample]
    same_agreement = bool(np.array_equal(np.isnan(xs), np.isnan(kx)))
    both = ~np.isnan(xs) & ~np.isnan(kx)
    med = statistics.median(times)
    return dict(status="ok", sample=sample, median_s_per_scenario=med,
                scenarios_per_s=1.0 / med, kernel_scenarios_per_s=kernel_rate,
                ratio=kernel_rate * med, target=TARGET_REFERENCE,
                same_agreement=same_agreement,
                max_abs_concession_diff=float(np.max(np.abs(xs[both] - kx[both]), initial=0.0)))


def part_c(kernel_runs, kernel_rows, repeats):
    """The kernel's time over the compiled two-thread read-inputs-write-outputs loop's."""
    rows = []
    for row in kernel_rows:
        home, partner, power, out = kernel_runs[row["n"]]
        baseline.read_write(home, partner, power, kernel_module.THREADS)  # warm-up (compile)
        base, _, _ = timed(lambda: baseline.read_write(home, partner, power,
                                                       kernel_module.THREADS), repeats)
        rows.append(dict(n=row["n"], threads=kernel_module.THREADS, baseline_median_s=base,
                         kernel_median_s=row["median_s"],
                         kernel_over_baseline=row["median_s"] / base, target=TARGET_BANDWIDTH))
    return rows


def part_t(run, repeats):
    """Kernel and baseline, 1 thread against 2, on part a's 10^6 scenarios."""
    home, partner, power, _ = run
    rows = {}
    for name, fn in (("kernel", lambda t: solve_arrays(home, partner, power, "nash",
                                                       intervals=False, threads=t)),
                     ("baseline", lambda t: baseline.read_write(home, partner, power, t))):
        one, _, _ = timed(lambda: fn(1), repeats)
        two, _, _ = timed(lambda: fn(2), repeats)
        rows[name] = dict(one_thread_s=one, two_threads_s=two, speedup=one / two)
    return dict(n=home.n, rows=rows, target=TARGET_THREADS)


def part_p(run, plot):
    """The blocks of one two-thread call of part t's scenarios: thread, start, end."""
    home, partner, power, _ = run
    spans = profile_kernel.block_profile(home, partner, power, min(2, kernel_module.THREADS))
    profile_kernel.plot_timeline(spans, plot)
    rows, wall = profile_kernel.per_thread(spans)
    return dict(n=home.n, wall_s=wall, rows=rows, plot=plot.name)


def part_h(n, repeats):
    """The kernel against a one-line numpy closed form on n linear problems (no constituencies)."""
    p = scenarios.linear_params(n, seed=3)
    home, partner, power = scenarios.linear(p)
    r_home, r_partner = p["r_H"], p["r_P"]

    def closed():
        return np.clip(power * r_partner + (1 - power) * r_home,
                       np.maximum(r_partner, 0.0), np.minimum(r_home, 1.0))

    kernel(home, partner, power)
    k, _, out = timed(lambda: kernel(home, partner, power), repeats)
    c, _, x = timed(closed, repeats)
    return dict(n=n, kernel_median_s=k, closed_form_median_s=c, kernel_over_closed_form=k / c,
                max_abs_diff=float(np.max(np.abs(out.concession - x))))


def part_f(max_m, repeats, timeout=3600):
    """Scenarios per second for m = 1..max_m equal-weight constituencies per side, in a
    subprocess (its peak resident memory is its own, not this process's)."""
    cmd = [sys.executable, str(HERE / "bench_constituencies.py"), "--max-m", str(max_m),
           "--repeats", str(repeats), "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    rows = json.loads(proc.stdout.strip().splitlines()[-1])
    return [dict(m=int(m), scenarios=int(n), scenarios_per_s=rate, slower_than_m1=ratio,
                 agreement=agree, peak_rss_gib=rss / GIB) for m, n, rate, ratio, agree, rss in rows]


def part_d(sample, values, batch, repeats):
    """NegMAS's Nash point per problem against the kernel's, on the same linear problems."""
    version = negmas_nash.available()
    if version is None:
        return dict(status="negmas not installed (pip install -r benchmarks/requirements.txt)")
    p = scenarios.linear_params(max(sample, batch), seed=2)
    home, partner, power = scenarios.linear(p)
    h1, p1, th1 = home.take(slice(0, 1)), partner.take(slice(0, 1)), power[:1]
    kernel(h1, p1, th1)  # warm-up
    one, _, _ = timed(lambda: kernel(h1, p1, th1), repeats * 20)
    hs, ps, ths = home.take(slice(0, sample)), partner.take(slice(0, sample)), power[:sample]
    small, _, out = timed(lambda: kernel(hs, ps, ths), repeats * 5)
    hb, pb, thb = home.take(slice(0, batch)), partner.take(slice(0, batch)), power[:batch]
    big, _, _ = timed(lambda: kernel(hb, pb, thb), repeats)
    exact = out.concession
    midpoint = 0.5 * (p["r_H"][:sample] + p["r_P"][:sample])
    rows = []
    for n_values in values:
        step = 1.0 / (n_values - 1)
        args = [[p[k][i] for k in ("g_H", "c_H", "d_H", "g_P", "c_P", "d_P")]
                for i in range(sample)]
        negmas_nash.nash_point(*args[0], n_values)  # warm-up
        times, xs = [], []
        for a in args:
            start = time.perf_counter()
            x = negmas_nash.nash_point(*a, n_values)
            times.append(time.perf_counter() - start)
            xs.append(math.nan if x is None else x)
        xs = np.array(xs)
        # the discretised problem has no agreement when no grid point lies in [r_P, r_H]
        first = np.ceil(p["r_P"][:sample] / step - 1e-9) * step
        empty = first > p["r_H"][:sample] + 1e-9
        diff = np.abs(xs - exact)[~empty]
        med = statistics.median(times)
        rows.append(dict(values=n_values, step=step, sample=sample,
                         no_grid_point_in_zopa=int(empty.sum()),
                         negmas_none_exactly_there=bool(np.array_equal(np.isnan(xs), empty)),
                         negmas_median_s_per_problem=med,
                         kernel_single_call_s=one, kernel_per_problem_sample_call_s=small / sample,
                         kernel_per_problem_batch_s=big / batch, batch=batch,
                         ratio_single_call=med / one, ratio_batch=med / (big / batch),
                         max_abs_diff=float(np.max(diff)),
                         within_half_step=bool(np.all(diff <= 0.5 * step + 1e-12))))
    return dict(status="ok", negmas=version, problems="theta = 1/2, no constituencies",
                kernel_equals_midpoint=float(np.max(np.abs(exact - midpoint))), rows=rows)


def part_e(points, timeout):
    """The sweep of ``points`` grid points streamed to disk, in a subprocess."""
    with tempfile.TemporaryDirectory(prefix="twolevel-bench-") as tmp:
        cmd = [sys.executable, str(HERE / "sweep_peak.py"), str(points), tmp]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return dict(status=f"timed out after {timeout} s", points=points)
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            return dict(status="failed: " + " | ".join(tail), points=points)
        res = json.loads(proc.stdout.strip().splitlines()[-1])
    res.update(status="ok", target_peak_rss_gib=TARGET_SWEEP_RSS / GIB,
               within_target=res["peak_rss_bytes"] < TARGET_SWEEP_RSS)
    return res


def fmt_rate(x):
    return f"{x:,.0f}"


def table(results):
    """The results as a Markdown table (and a few sentences)."""
    lines = ["| measure | value | target |", "| --- | --- | --- |"]
    for row in results["kernel"]:
        lines.append(f"| a. kernel, Nash, 1 veto/side, 10^{round(math.log10(row['n']))} scenarios "
                     f"in one call (median of {row['repeats']}) | {row['median_s']:.3f} s = "
                     f"{fmt_rate(row['scenarios_per_s'])} scenarios/s | |")
    so = results["solutions"]
    for row in so["rows"]:
        extra = ", with win-sets and ZOPA" if row["intervals"] else ""
        lines.append(f"| s. kernel, {row['solution']}{extra} (10^{round(math.log10(so['n']))} in "
                     f"one call) | {fmt_rate(row['scenarios_per_s'])} scenarios/s "
                     f"({row['over_nash']:.2f} x Nash's time) | |")
    ref = results["reference"]
    lines.append(f"| b. reference solver, median per scenario ({ref['sample']} scenarios) | "
                 f"{ref['median_s_per_scenario'] * 1e3:.1f} ms = "
                 f"{ref['scenarios_per_s']:.1f} scenarios/s; "
                 f"{'same' if ref['same_agreement'] else 'DIFFERENT'} agreement as the kernel, "
                 f"max concession difference {ref['max_abs_concession_diff']:.1e} | |")
    lines.append(f"| b. kernel (10^{round(math.log10(results['kernel'][0]['n']))} in one call) "
                 f"/ reference, scenarios per second | "
                 f"{ref['ratio']:,.0f} x | >= {ref['target']:,.0f} x |")
    for row in results["bandwidth"]:
        lines.append(f"| c. kernel / compiled read-inputs-write-outputs loop, {row['threads']} "
                     f"threads (10^{round(math.log10(row['n']))}) | "
                     f"{row['kernel_over_baseline']:.1f} x (baseline "
                     f"{row['baseline_median_s'] * 1e3:.1f} ms) | <= {row['target']:.0f} x |")
    th = results["threads"]
    for name, row in th["rows"].items():
        lines.append(f"| t. {name}, 2 threads / 1 thread (10^{round(math.log10(th['n']))}) | "
                     f"{row['speedup']:.2f} x "
                     f"({row['one_thread_s'] * 1e3:.0f} ms -> {row['two_threads_s'] * 1e3:.0f} ms)"
                     f" | {'>= ' + format(th['target'], '.1f') + ' x' if name == 'kernel' else ''} |")
    bp = results["blocks"]
    for row in bp["rows"]:
        lines.append(f"| p. thread {row['thread']}: blocks of one two-thread call "
                     f"(10^{round(math.log10(bp['n']))}) | {row['blocks']:,} blocks, busy "
                     f"{row['busy_s'] * 1e3:.1f} ms of {bp['wall_s'] * 1e3:.1f} ms "
                     f"({row['busy_s'] / bp['wall_s']:.0%}), last block ends at "
                     f"{row['last_end_s'] * 1e3:.1f} ms ({bp['plot']}) | |")
    cf = results["closed_form"]
    lines.append(f"| h. kernel / one-line numpy closed form, linear Nash "
                 f"(10^{round(math.log10(cf['n']))}) | "
                 f"{cf['kernel_over_closed_form']:.1f} x ({cf['kernel_median_s'] * 1e3:.0f} ms vs "
                 f"{cf['closed_form_median_s'] * 1e3:.0f} ms); max difference "
                 f"{cf['max_abs_diff']:.1e} | |")
    for row in results["constituencies"]:
        target = f"<= {TARGET_M8:.0f} x" if row["m"] == 8 else ("< 4 GiB" if row["m"] == 16 else "")
        lines.append(f"| f. m = {row['m']} equal-weight constituencies per side, quota 0.5 | "
                     f"{fmt_rate(row['scenarios_per_s'])} scenarios/s ({row['slower_than_m1']:.1f}"
                     f" x slower than m = 1), peak RSS {row['peak_rss_gib']:.2f} GiB | {target} |")
    neg = results["negmas"]
    if neg["status"] == "ok":
        for row in neg["rows"]:
            lines.append(
                f"| d. NegMAS {neg['negmas']} Nash point, {row['values']} values, median per "
                f"problem | {row['negmas_median_s_per_problem'] * 1e3:.2f} ms; kernel "
                f"{row['kernel_single_call_s'] * 1e6:.0f} us per single call "
                f"({row['ratio_single_call']:,.1f} x), "
                f"{row['kernel_per_problem_batch_s'] * 1e9:.0f} ns per problem in a batch of "
                f"{row['batch']:,} ({row['ratio_batch']:,.0f} x); "
                f"max distance {row['max_abs_diff']:.2g} (half step {row['step'] / 2:.2g}"
                f"{'' if row['within_half_step'] else ', EXCEEDED'}; "
                f"{row['no_grid_point_in_zopa']} with no grid point in the ZOPA"
                f"{'' if row['negmas_none_exactly_there'] else ', MISMATCH'}) | |")
    else:
        lines.append(f"| d. NegMAS | {neg['status']} | |")
    sw = results.get("sweep")
    if sw is None:
        lines.append("| e. sweep | skipped (--no-sweep) | |")
    elif sw["status"] == "ok":
        lines.append(f"| e. sweep of {sw['points']:,} grid points to {sw['format']}, subprocess | "
                     f"{sw['wall_s']:.1f} s ({sw['points'] / sw['wall_s']:,.0f} points/s): kernel "
                     f"{sw['kernel_s']:.1f} s, solving with the design {sw['solve_s']:.1f} s, "
                     f"writing {sw['write_s']:.1f} s (overlapped); wall / kernel "
                     f"{sw['wall_s'] / sw['kernel_s']:.2f} x; peak RSS "
                     f"{sw['peak_rss_bytes'] / GIB:.2f} GiB | <= {TARGET_SWEEP} x, < 2 GiB |")
    else:
        lines.append(f"| e. sweep of {sw['points']:,} points | {sw['status']} | < 2 GiB |")
    return "\n".join(lines)


def headline(results):
    ref = results["reference"]
    k6 = results["kernel"][0]
    return (f"Kernel (Nash, one veto constituency per side, 10^{round(math.log10(k6['n']))} "
            f"scenarios in one call): "
            f"{fmt_rate(k6['scenarios_per_s'])} scenarios/s; reference solver: "
            f"{ref['scenarios_per_s']:.1f} scenarios/s; ratio {ref['ratio']:,.0f} x "
            f"(target >= {ref['target']:,.0f} x).")


def write_atomic(path, text):
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="fewer repeats and samples, 10^5 and 10^6 kernel scenarios instead of "
                         "10^6 and 10^7, a 10^6-point sweep instead of 10^8")
    ap.add_argument("--no-sweep", action="store_true", help="skip part e (the sweep)")
    ap.add_argument("--out", type=Path, default=None,
                    help="results stem (default benchmarks/results, or results-quick with --quick)")
    args = ap.parse_args(argv)
    quick = args.quick
    repeats = 3 if quick else 7
    stem = args.out or HERE / ("results-quick" if quick else "results")

    results = dict(quick=quick, machine=machine_info(), started=time.strftime("%Y-%m-%d %H:%M:%S"))
    print(f"machine: {results['machine']['cores']} cores, {results['machine']['cpu']}, numpy "
          f"{results['machine']['numpy']}, BLAS {results['machine']['blas']}, load "
          f"{results['machine']['load_average_start']}", flush=True)
    results["compile_s"] = first_call()
    print("a. kernel throughput ...", flush=True)
    small, large = (10**5, 10**6) if quick else (10**6, 10**7)
    results["kernel"], runs = part_a([small, large], repeats if quick else 5)
    print("b. reference solver ...", flush=True)
    k6 = results["kernel"][0]
    print("s. solutions ...", flush=True)
    results["solutions"] = part_s(runs[small], repeats)
    results["reference"] = part_b(20 if quick else 50, runs[small], k6["scenarios_per_s"])
    print("c. bandwidth baseline ...", flush=True)
    results["bandwidth"] = part_c(runs, results["kernel"], repeats)
    print("t. thread scaling ...", flush=True)
    results["threads"] = part_t(runs[small], repeats)
    print("p. blocks in threads ...", flush=True)
    results["blocks"] = part_p(runs[small], stem.with_name(stem.name + "-blocks.png"))
    del runs
    print("h. closed form ...", flush=True)
    results["closed_form"] = part_h(small, repeats)
    print("f. constituencies per side ...", flush=True)
    results["constituencies"] = part_f(16, 1 if quick else 3)
    print("d. NegMAS ...", flush=True)
    results["negmas"] = part_d(20 if quick else 50, (101, 1001), small, repeats)
    if not args.no_sweep:
        points = 10**6 if quick else 10**8
        print(f"e. sweep of {points:,} points ...", flush=True)
        results["sweep"] = part_e(points, timeout=3600)
    results["machine"]["load_average_end"] = os.getloadavg()
    results["headline"] = headline(results)

    md = table(results)
    m = results["machine"]
    note = (f"First call (compiling, no cache): {results['compile_s']:.1f} s. "
            f"Each part's ratio is against a baseline timed in the same run. ")
    note += (f"Run {results['started']}. Machine: {m['cores']} cores ({m['cpu']}), numpy "
             f"{m['numpy']}, BLAS {m['blas']}, Python {m['python']}; load average "
             f"{m['load_average_start'][0]:.2f} at start, {m['load_average_end'][0]:.2f} at end. "
             f"{'Quick run. ' if quick else ''}")
    print()
    print(md)
    print()
    print(results["headline"])
    print(note)
    write_atomic(stem.with_suffix(".json"), json.dumps(results, indent=2, default=float) + "\n")
    write_atomic(stem.with_suffix(".md"), f"{md}\n\n{results['headline']}\n\n{note}\n")
    print(f"written {stem.with_suffix('.json')} and {stem.with_suffix('.md')}")


if __name__ == "__main__":
    main()
