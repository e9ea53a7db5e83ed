#!/usr/bin/env python3
"""Plot throughput against connections from a Benchmarks/compare work directory.

Usage:
    Benchmarks/plot.py WORK_DIR OUT.png [--ops "get locate create handshake"]
                       [--connections "1 16 64"] [--title TEXT]

Reads the `kmipgw bench -o json` results that Benchmarks/compare leaves in WORK_DIR:
    {kmipgw,pykmip}-OP-CONNECTIONS.json
    echo-echo-CONNECTIONS.json            (ceiling for get, locate, create)
    echo-echo-handshake-CONNECTIONS.json  (ceiling for handshake)
and writes one PNG with a subplot per op: requests/s of kmipgw, PyKMIP and the TLS echo
ceiling, both axes logarithmic, each kmipgw point labelled with its ratio to PyKMIP.
Missing files and failed runs (`{}`) are left out of the lines.

Needs matplotlib (Benchmarks/compare installs it into .venv).
"""
import argparse
import json
import math
import os
import sys

SERIES = (
    # (file prefix, label, style)
    ("kmipgw", "kmipgw", dict(color="tab:blue", marker="o", linestyle="-")),
    ("pykmip", "PyKMIP 0.11", dict(color="tab:orange", marker="s", linestyle="-")),
    ("echo", "TLS echo ceiling (swift-nio-ssl)", dict(color="tab:gray", marker="^", linestyle="--")),
)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Plot requests/s against connections from a Benchmarks/compare work directory.")
    parser.add_argument("work_dir", metavar="WORK_DIR")
    parser.add_argument("out", metavar="OUT.png")
    parser.add_argument("--ops", default="get locate create handshake",
                        help='space-separated ops, one subplot each (default: "%(default)s")')
    parser.add_argument("--connections", default="1 16 64",
                        help='space-separated connection counts (default: "%(default)s")')
    parser.add_argument("--title", default="", help="figure title, e.g. machine and date")
    args = parser.parse_args(argv)
    args.ops = args.ops.split()
    args.connections = args.connections.split()
    if not args.ops or not args.connections:
        parser.error("--ops and --connections need at least one value each")
    try:
        [int(c) for c in args.connections]
    except ValueError:
        parser.error("--connections must be whole numbers: %r" % " ".join(args.connections))
    return args


def requests_per_second(work_dir, prefix, op, connections):
    """Requests/s of one cell, or None when the run is missing or failed."""
    path = os.path.join(work_dir, f"{prefix}-{op}-{connections}.json")
    try:
        with open(path) as f:
            result = json.load(f)
    except (OSError, ValueError):
        return None
    rate = result.get("requestsPerSecond") if isinstance(result, dict) else None
    # A zero would break the log axis and means the run measured nothing anyway.
    if not isinstance(rate, (int, float)) or not rate > 0:
        return None
    return float(rate)


def ceiling_op(op):
    # compare measures two ceilings: persistent connections, and a new connection per round trip.
    return "echo-handshake" if op == "handshake" else "echo"


def ratio_label(ratio):
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def thousands(value, _position):
    # Plain numbers read faster than 10^4 for people comparing req/s with the Markdown table.
    if value >= 1:
        return f"{value:,.0f}"
    return f"{value:g}"


def main(argv):
    args = parse_args(argv)
    if not os.path.isdir(args.work_dir):
        sys.exit(f"plot.py: {args.work_dir}: not a directory")
    try:
        import matplotlib
        matplotlib.use("Agg")  # no display on the benchmark machine
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter, NullLocator
    except ImportError as error:
        sys.exit(f"plot.py: matplotlib is needed to draw the plot ({error}); "
                 f"install it, e.g. `python3 -m pip install matplotlib`, or run under .venv/bin/python")

    xs = [int(c) for c in args.connections]
    columns = 1 if len(args.ops) == 1 else 2
    rows = math.ceil(len(args.ops) / columns)
    # 150 dpi × (32/3 in, 22/3 in) is about 1600×1100 px.
    figure, axes = plt.subplots(rows, columns, figsize=(32 / 3, 22 / 3), dpi=150,
                                sharey=True, squeeze=False)
    flat = axes.flatten()
    handles = {}
    rates = []
    for ax, op in zip(flat, args.ops):
        values = {}
        for prefix, label, style in SERIES:
            cell_op = ceiling_op(op) if prefix == "echo" else op
            points = [(x, requests_per_second(args.work_dir, prefix, cell_op, c))
                      for x, c in zip(xs, args.connections)]
            values[prefix] = dict(points)
            rates += [y for _, y in points if y is not None]
            if all(y is None for _, y in points):
                continue
            # NaN breaks the line, so a missing cell shows as a gap rather than an interpolation.
            line, = ax.plot(xs, [math.nan if y is None else y for _, y in points], label=label,
                            linewidth=1.8, markersize=6, **style)
            handles.setdefault(label, line)
        for x in xs:
            kmipgw, pykmip = values["kmipgw"].get(x), values["pykmip"].get(x)
            if kmipgw and pykmip:
                # Below the point: the ceiling usually runs just above kmipgw, PyKMIP far below.
                ax.annotate(ratio_label(kmipgw / pykmip), (x, kmipgw), xytext=(0, -9),
                            textcoords="offset points", ha="center", va="top",
                            fontsize=8, color="tab:blue", fontweight="bold",
                            bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                      edgecolor="none", alpha=0.8))
        if not any(v for series in values.values() for v in series.values()):
            ax.text(0.5, 0.5, "no results", transform=ax.transAxes, ha="center", va="center",
                    color="gray")
        ax.set_title(op)
        ax.set_xscale("log")
        # Room either side for the markers and labels, and a usable range with one count alone.
        ax.set_xlim(min(xs) / 1.6, max(xs) * 1.6)
        ax.set_xticks(xs)
        ax.set_xticklabels([str(x) for x in xs])
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10))
        ax.yaxis.set_major_formatter(FuncFormatter(thousands))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.grid(True, which="major", alpha=0.4)
        ax.grid(True, which="minor", axis="y", alpha=0.15)
        ax.set_xlabel("connections")
    for ax in axes[:, 0]:
        ax.set_ylabel("requests/s")
    for ax in flat[len(args.ops):]:
        ax.remove()
    if rates:
        # Whole decades, so the top and bottom gridlines carry a label to read the points against.
        low = math.floor(math.log10(min(rates)))
        high = max(math.ceil(math.log10(max(rates))), low + 1)
        flat[0].set_ylim(10 ** low, 10 ** high)
    else:
        print(f"plot.py: no results in {args.work_dir}: the plot is empty", file=sys.stderr)

    top = 0.99
    if args.title:
        figure.suptitle(args.title, fontsize=11, y=top, va="top")
        top -= 0.045
    if handles:
        figure.legend([handles[label] for _, label, _ in SERIES if label in handles],
                      [label for _, label, _ in SERIES if label in handles],
                      loc="upper center", bbox_to_anchor=(0.5, top), ncol=len(handles),
                      frameon=False)
        top -= 0.035
    note = "labels: kmipgw req/s ÷ PyKMIP req/s; gaps: run failed or not measured"
    figure.text(0.99, 0.005, note, ha="right", va="bottom", fontsize=7, color="gray")
    figure.tight_layout(rect=(0, 0.02, 1, top))
    figure.savefig(args.out, dpi=150)
    plt.close(figure)


if __name__ == "__main__":
    main(sys.argv[1:])
