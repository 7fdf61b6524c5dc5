#!/usr/bin/python3
"""The benchmark's results (bench/run.sh's CSV): the table of medians and
ratios, and the plot of wall time and CPU against the prefix count.

    results.py table CSV          medians per size, phase and mode; ratios
    results.py plot CSV PNG       needs python3-matplotlib (bench/plot.sh)
"""
import csv
import statistics
import sys
from collections import defaultdict

MODES = ["floor", "routemap", "module"]
PHASES = ["learn", "audit-on", "idle-audit-0", "idle-audit-10", "knob-off", "audit-off",
          "knob-on", "gw-withdraw", "gw-back", "role-change", "role-back", "flap-down",
          "flap-up"]
METRICS = [("wall_s", "wall s"), ("cpu_s", "CPU s"), ("peak_rss_mib", "RSS MiB")]
# the module's audit rows (bench/run.sh's audit_phase and idle_phase) have
# more; a CSV from before them has none of these columns
EXTRA = [("cpu_pct", "CPU %"), ("routes_checked", "routes"), ("violations", "violatns"),
         ("probe_s", "probe s"), ("instructions", "G instr")]
# instructions (bench/run.sh with BENCH_CALLGRIND) are shown in billions
SCALE = {"instructions": 1e9}


def load(path):
    """{(prefixes, phase, mode, metric): [values]} and {prefixes: loads}"""
    values = defaultdict(list)
    loads = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            n = int(row["prefixes"])
            loads[n] += [float(row["load1"]), float(row["load1_end"])]
            for metric, _ in METRICS:
                values[(n, row["phase"], row["mode"], metric)].append(
                    float(row[metric])
                )
            # idle rows: the route server's CPU as a share of one core
            if row["phase"].startswith("idle"):
                values[(n, row["phase"], row["mode"], "cpu_pct")].append(
                    100 * float(row["cpu_s"]) / float(row["wall_s"])
                )
            for metric, _ in EXTRA[1:]:
                if row.get(metric):
                    values[(n, row["phase"], row["mode"], metric)].append(
                        float(row[metric]) / SCALE.get(metric, 1)
                    )
    return values, loads


def median(values, key):
    v = values.get(key)
    return statistics.median(v) if v else None


def fmt(x, spec="9.2f"):
    return format(x, spec) if x is not None else format("n/a", ">9")


def ratio(a, b):
    return fmt(a / b, "7.2f") if a is not None and b else format("n/a", ">7")


def table(path):
    values, loads = load(path)
    for n in sorted({k[0] for k in values}):
        # the modes the run had (BENCH_MODES may have left some out)
        reps = {m: len(values[(n, "learn", m, "wall_s")]) for m in MODES
                if (n, "learn", m, "wall_s") in values} or {"": 0}
        print(
            f"\n{n} prefixes; medians of {min(reps.values())}-{max(reps.values())} "
            f"repetitions; load1 during the runs {min(loads[n]):.2f}-{max(loads[n]):.2f}"
        )
        print(
            f"{'phase':<13} {'metric':<8} {'floor':>9} {'routemap':>9} {'module':>9}"
            f" {'rm/fl':>7} {'mod/fl':>7} {'mod/rm':>7}"
        )
        for phase in PHASES:
            for metric, label in METRICS + EXTRA:
                fl, rm, mod = (median(values, (n, phase, m, metric)) for m in MODES)
                if fl is rm is mod is None:
                    continue
                spec = {"routes_checked": "9.0f", "violations": "9.0f",
                        "instructions": "9.3f"}.get(metric, "9.2f")
                print(
                    f"{phase:<13} {label:<8} {fmt(fl, spec)} {fmt(rm, spec)} {fmt(mod, spec)}"
                    f" {ratio(rm, fl)} {ratio(mod, fl)} {ratio(mod, rm)}"
                )


def plot(path, png):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    values, _ = load(path)
    sizes = sorted({k[0] for k in values})
    fig, axes = plt.subplots(2, 4, figsize=(18, 8), sharex=True)
    style = {"floor": "k:", "routemap": "b--", "module": "r-"}
    for col, phase in enumerate(["learn", "knob-off", "role-change", "flap-up"]):
        for row, (metric, label) in enumerate(METRICS[:2]):
            ax = axes[row][col]
            for mode in MODES:
                pts = [
                    (n, median(values, (n, phase, mode, metric)))
                    for n in sizes
                    if median(values, (n, phase, mode, metric)) is not None
                ]
                if pts:
                    ax.plot(*zip(*pts), style[mode], marker="o", label=mode)
            ax.set_title(f"{phase}: {label}")
            ax.set_xlabel("prefixes")
            ax.grid(True, alpha=0.3)
            ax.set_ylim(bottom=0)
            ax.legend()
    fig.suptitle("frr-routeserver benchmark: 8 role peers, medians (bench/run.sh)")
    fig.tight_layout()
    fig.savefig(png, dpi=80)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "plot":
        plot(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
