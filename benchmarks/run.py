"""Run every benchmark and print a table (median of N runs, min-max); write JSON.

    python benchmarks/run.py                      # 10k and 100k, 5 runs each
    python benchmarks/run.py --sizes 1000 --runs 2 --no-jrnl   # the smoke test

Journals are generated once per size (deterministically, through the Store) into
a cache folder and reused. jrnl is installed into its own virtual environment on
first use (``pip install jrnl``) so both tools work on the same entries; pass
--no-jrnl to skip it. Results go to benchmarks/results/latest.json.

Nothing here asserts: timings on shared machines are noisy, so targets are
reported, never tested.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

PYTHON = sys.executable
CAREERJOURNAL = str(Path(PYTHON).parent / "careerjournal")


@dataclass
class Result:
    name: str
    size: int | None
    samples: list[float]
    unit: str = "s"
    target: str = ""
    met: bool | None = None
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


JRNL_TIMEOUT = 300


def timed(command: list[str], env: dict[str, str] | None = None, stdin: str | None = None,
          timeout: float | None = None) -> float:
    """Whole-process seconds; a run cut off at ``timeout`` counts as ``timeout`` (a lower bound).

    Standard output goes to a file, as with ``> file`` in a shell. Captured and
    decoded by this process instead, a 66 MB export cost the measurement ~0.3 s
    of this harness's own work, for careerjournal and jrnl alike.
    """
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        try:
            subprocess.run(command, env=env, input=stdin.encode() if stdin is not None else None, stdout=output,
                           stderr=subprocess.PIPE, check=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return float(timeout or 0)
        return time.perf_counter() - start


def repeat(runs: int, measure: Callable[[], float]) -> list[float]:
    return [measure() for _ in range(runs)]


#: Bumped whenever generate.py writes different entries, so a cache of the old ones isn't reused.
GENERATION = 2


def cached(cache: Path, size: int, suffix: str) -> Path:
    """The generated journal of ``size`` entries in the cache: ``.db`` for careerjournal, ``.txt`` for jrnl."""
    return cache / f"journal-{size}-g{GENERATION}{suffix}"


def journal(cache: Path, size: int) -> Path:
    path = cached(cache, size, ".db")
    if not path.exists():
        print(f"  generating {size:,} entries…", file=sys.stderr)
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(size), str(path), "--jrnl",
                        str(cached(cache, size, ".txt"))], check=True)
    # A journal cached by an older careerjournal is upgraded once, here, not
    # inside the first timed run of whichever benchmark opens a copy first.
    subprocess.run([CAREERJOURNAL, "--db", str(path), "list", "--limit", "1"], check=True, capture_output=True)
    return path


def compile_bytecode() -> None:
    """Compile careerjournal's bytecode first, as ``pip install`` does for an installed copy.

    An editable checkout run with PYTHONDONTWRITEBYTECODE set has none, so every
    process would compile each module again (about 100 ms at start-up) and the
    measurements would describe no real installation.
    """
    import compileall

    import careerjournal

    compileall.compile_dir(str(Path(careerjournal.__file__).parent), quiet=1)


def child(probe: str, *args: str) -> dict:
    """Run a probe in a fresh process and return what it printed as JSON."""
    env = {**os.environ, "BENCH_T0": repr(time.time())}
    out = subprocess.run([PYTHON, str(HERE / "probes.py"), probe, *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"the {probe} probe failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_size(size: int, runs: int, cache: Path, results: list[Result]) -> None:
    db = journal(cache, size)
    # -- start-up, headless and in a real pseudo-terminal, against a bare app --
    for mode in ("headless", "pty"):
        app_runs = [child(f"startup_{mode}", str(db)) for _ in range(runs)]
        bare_runs = [child(f"bare_{mode}") for _ in range(runs)]
        app_time = [r["seconds"] for r in app_runs]
        bare_time = [r["seconds"] for r in bare_runs]
        ratio = statistics.median(app_time) / statistics.median(bare_time)
        extra = {"bare_median": statistics.median(bare_time), "ratio": round(ratio, 2)}
        if mode == "pty":
            # The same widget tree from stock widgets, no data: what Textual itself costs.
            skeleton = [child("skeleton_pty")["seconds"] for _ in range(runs)]
            extra.update(skeleton_median=statistics.median(skeleton),
                         vs_skeleton=round(statistics.median(app_time) / statistics.median(skeleton), 2))
        results.append(Result(f"first frame ({mode})", size, app_time, target="≤ 1.25× bare app",
                              met=ratio <= 1.25 if size >= 100_000 else None, extra=extra))
        memory = [r["peak_mb"] for r in app_runs]
        results.append(Result(f"peak memory ({mode})", size, memory, unit="MB", target="< 80 MB",
                              met=statistics.median(memory) < 80 if size >= 100_000 else None,
                              extra={"bare_median": statistics.median(r["peak_mb"] for r in bare_runs)}))
    # -- whole-process commands --
    if size == SIZES[0]:
        version = repeat(runs, lambda: timed([CAREERJOURNAL, "--version"]))
        results.append(Result("careerjournal --version", None, version, target="< 0.15 s",
                              met=statistics.median(version) < 0.15))
    work = cache / f"work-{size}.db"
    shutil.copyfile(db, work)
    add = repeat(runs, lambda: timed([CAREERJOURNAL, "--db", str(work), "add", "benchmark entry"]))
    results.append(Result("careerjournal add", size, add, target="< 0.3 s", met=statistics.median(add) < 0.3))
    # -- keyboard scrolling and search inside the app --
    inside = child("interactive", str(work))
    for key in ("down", "pagedown", "end"):
        samples = inside["keys"][key]
        target = "p90 < 10 ms, max < 50 ms" if key != "end" else "< 50 ms"
        p90 = sorted(samples)[int(0.9 * (len(samples) - 1))]
        met = (p90 < 0.010 and max(samples) < 0.050) if key != "end" else max(samples) < 0.050
        results.append(Result(f"key {key}", size, samples, target=target, met=met if size >= 100_000 else None,
                              extra={"p90": p90, "max": max(samples)}))
    for label, samples in inside["search"].items():
        results.append(Result(f"search '{label}'", size, samples, target="p50 < 20 ms, max < 100 ms",
                              met=(statistics.median(samples) < 0.020 and max(samples) < 0.100)
                              if size >= 100_000 else None))
    results.append(Result("open a 100 KB entry", size, inside["open_large"], target="no visible pause"))
    # -- export and import --
    exports = child("exports", str(db), str(runs))
    for fmt, samples in exports["export"].items():
        target = {"markdown": "< 0.5 s at 10k", "html": "< 2 s at 10k"}.get(fmt, "")
        met = None
        if size == 10_000 and fmt in ("markdown", "html"):
            met = statistics.median(samples) < (0.5 if fmt == "markdown" else 2.0)
        results.append(Result(f"export {fmt}", size, samples, target=target, met=met))
    results.append(Result("import JSON into an empty journal", size, exports["import"], target="< 30 s at 100k",
                          met=max(exports["import"]) < 30 if size >= 100_000 else None))
    work.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)


def jrnl_env(cache: Path) -> tuple[str, Path] | None:
    """A virtual environment with jrnl in it (created once), or None if it can't be installed."""
    venv = cache / "jrnl-venv"
    binary = venv / "bin" / "jrnl"
    if not binary.exists():
        print("  installing jrnl for the comparison…", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "jrnl"], check=True)
        except subprocess.CalledProcessError:
            return None
    return str(binary), venv


def bench_jrnl(size: int, runs: int, cache: Path, results: list[Result]) -> None:
    found = jrnl_env(cache)
    if found is None:
        print("  jrnl could not be installed; skipping the comparison", file=sys.stderr)
        return
    binary, _ = found
    journal(cache, size)
    home = Path(tempfile.mkdtemp(prefix="jrnl-home-"))
    text = home / "journal.txt"
    shutil.copyfile(cached(cache, size, ".txt"), text)
    config = home / "config" / "jrnl"
    config.mkdir(parents=True)
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\ndefault_minute: 0\n"
        "editor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {text}\nlinewrap: 79\ntagsymbols: '#@'\n"
        "template: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "HOME": str(home)}
    db = cache / f"work-jrnl-{size}.db"
    shutil.copyfile(cached(cache, size, ".db"), db)
    jobs = {
        "show the last 10": ([binary, "-n", "10"], [CAREERJOURNAL, "--db", str(db), "list", "--limit", "10"]),
        "search a word": ([binary, "-contains", "mentor", "-n", "20"],
                          [CAREERJOURNAL, "--db", str(db), "list", "--search", "mentor", "--limit", "20"]),
        "export Markdown": ([binary, "--export", "md"],
                            [CAREERJOURNAL, "--db", str(db), "export", "--include-private", "--output", "-"]),
        "add an entry": ([binary, "benchmark entry from jrnl"],
                         [CAREERJOURNAL, "--db", str(db), "add", "benchmark entry"]),
    }
    for label, (theirs, ours) in jobs.items():
        # jrnl needs tens of seconds per command at 100k entries: one run each, capped.
        their_times = repeat(1 if size >= 100_000 else max(1, min(runs, 3)),
                             lambda: timed(theirs, env=env, timeout=JRNL_TIMEOUT))
        our_times = repeat(runs, lambda: timed(ours))
        ratio = statistics.median(their_times) / statistics.median(our_times)
        goal = 100 if label == "add an entry" else 10
        results.append(Result(f"vs jrnl: {label}", size, our_times, target=f"≥ {goal}× faster than jrnl",
                              met=ratio >= goal if size >= 100_000 else None,
                              extra={"jrnl_median": statistics.median(their_times), "times_faster": round(ratio, 1),
                                     **({"jrnl_cut_off_at": JRNL_TIMEOUT} if max(their_times) >= JRNL_TIMEOUT else {})}))
    shutil.rmtree(home, ignore_errors=True)
    db.unlink(missing_ok=True)


def show(results: list[Result]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="careerjournal benchmarks (median of runs, min–max)")
    for column in ("benchmark", "entries", "median", "min–max", "notes", "target", "met"):
        table.add_column(column)
    for result in results:
        scale, unit = (1000, "ms") if result.unit == "s" else (1, result.unit)
        median = f"{result.median * scale:,.1f} {unit}"
        spread = f"{min(result.samples) * scale:,.1f}–{max(result.samples) * scale:,.1f}"
        notes = ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in result.extra.items())
        met = {True: "yes", False: "NO", None: ""}[result.met]
        table.add_row(result.name, f"{result.size:,}" if result.size else "", median, spread, notes, result.target,
                      met)
    Console().print(table)


SIZES: list[int] = []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="careerjournal benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "careerjournal-bench")
    parser.add_argument("--no-jrnl", action="store_true", help="skip the comparison with jrnl")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--quick", action="store_true", help="a few repetitions only (keeps the smoke test short)")
    args = parser.parse_args(argv)
    if args.quick:
        os.environ["BENCH_QUICK"] = "1"
    SIZES[:] = args.sizes
    args.cache.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    results: list[Result] = []
    for size in args.sizes:
        print(f"benchmarking {size:,} entries…", file=sys.stderr)
        bench_size(size, args.runs, args.cache, results)
        if not args.no_jrnl:
            bench_jrnl(size, args.runs, args.cache, results)
    show(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "runs": args.runs,
        "results": [asdict(result) | {"median": result.median} for result in results],
    }, indent=2))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
