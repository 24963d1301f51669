#!/usr/bin/env python3
"""The side-by-side speed comparison of issue 11, in one run, so that machine noise cancels
in the ratios.

    bench/compare.sh [--quick] [--repeat N] [--check-against FILE | --save-reference FILE]

What it does, in order:

1. builds the release binary (`cargo build --release`; a no-op when it is fresh), unless
   --bin names one;
2. with --save-reference / --check-against: runs `analyze --format json`, `normalize
   --format json`, `segment` (text and JSON) on seeds/ and on --extra (default
   ../shared/dev/docs when it exists) and saves the outputs, or checks that they are byte
   for byte those saved (a failed check stops here with exit code 1; --check-only stops
   after the check either way);
3. makes the corpora under target/bench/corpus with bench/make_corpus.py (fixed seed; kept
   while the seeds, the sizes and make_corpus.py are unchanged): (a) plain simplified text
   in 25 KB files, and the same at 4x the size; (b) one large traditional file; (c) a text
   with no punctuation and its first MB; (d) one large simplified file;
4. sets up target/bench/venv with the pinned `opencc` and `jieba` of bench/requirements.txt
   when it is missing (the only step that needs the network; without it the Python figures
   are left out);
5. measures start-up first (--startup-runs runs each of --help, --version, and analyze and
   segment of one seed, on one core: wall and CPU time), then --repeat times over, with the
   runs interleaved so that each repetition gives one value of every ratio: CPU time (user
   + sys, from wait4) per MB on one core (taskset), max RSS, and wall time on 1 vs 2 cores;
6. prints every figure with its median and min–max over the repetitions, then the goals of
   issue 11 as ratios. --results FILE also writes the report as markdown (bench/RESULTS.md),
   --json FILE every figure.

MB = 10^6 bytes. The goals compare speeds with the start-up taken off (policylens: the CPU
time of analyze or segment of one seed; Python: loading OpenCC and jieba). Thresholds read
from the issue: "memory flat" is taken as the 4x folder using at most 1.25x the RSS of the
1x folder; "linear" as the 10 MB text without punctuation running at >= 0.8x the MB/s of
its first MB analyzed ten times over in one process (ten documents: the same start-up and
bytes, only the length of a document differs) and of the plain folder; "near-linear on 2
cores" as a speed-up >= 1.7x for the folder, and "a large file uses both cores" as >= 1.5x.
Progress goes to stderr, the report to stdout.
"""

import argparse
import datetime
import difflib
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
if not os.path.isabs(TARGET):
    TARGET = os.path.join(ROOT, TARGET)
WORK = os.path.join(TARGET, "bench")
TASKSET = shutil.which("taskset")
MB = 1e6


def say(*parts):
    print(*parts, file=sys.stderr, flush=True)


class Failed(Exception):
    pass


# ---------------------------------------------------------------------------------------
# Running a command and reading its resource use


class Run:
    """One finished command: wall and CPU seconds, max RSS in bytes, its stdout file."""

    def __init__(self, wall, user, system, rss, out):
        self.wall, self.user, self.system, self.rss, self.out = wall, user, system, rss, out

    @property
    def cpu(self):
        return self.user + self.system


def run_env():
    env = dict(os.environ)
    env.pop("POLICYLENS_DICTS", None)  # the built-in dictionaries only
    env.update(NO_COLOR="1", COLUMNS="80", LC_ALL="C.UTF-8")
    return env


def run(cmd, cpus=None, cwd=ROOT, keep_stdout=False):
    """Run `cmd` pinned to `cpus` (a list of CPU ids; None: no pinning) and return its
    resource use; a non-zero exit is a Failed with the end of its stderr."""
    preexec = None
    if cpus is not None:
        if TASKSET:
            cmd = [TASKSET, "-c", ",".join(map(str, cpus))] + cmd
        else:

            def preexec():
                os.sched_setaffinity(0, cpus)

    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        p = subprocess.Popen(
            cmd,
            stdout=out if keep_stdout else subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env=run_env(),
            preexec_fn=preexec,
        )
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            tail = err.read()[-3000:].decode("utf-8", "replace")
            raise Failed(f"{' '.join(cmd)}: exit {p.returncode}\n{tail}")
        data = b""
        if keep_stdout:
            out.seek(0)
            data = out.read()
    return Run(wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss * 1024, data)


# ---------------------------------------------------------------------------------------
# Set-up: binary, corpora, Python


def build(args):
    if args.bin:
        return os.path.abspath(args.bin)
    say("building the release binary (cargo build --release) ...")
    r = subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    if r.returncode != 0:
        raise Failed("cargo build --release failed")
    return os.path.join(TARGET, "release", "policylens")


def tree_bytes(path):
    """Bytes and files of a file or a folder (recursively)."""
    if os.path.isfile(path):
        return os.path.getsize(path), 1
    size = count = 0
    for d, _, names in os.walk(path):
        for n in names:
            size += os.path.getsize(os.path.join(d, n))
            count += 1
    return size, count


def corpus_specs(args):
    """Name → make_corpus.py arguments (the output path last but one is filled in)."""
    return {
        "a": ["folder", "{out}", "--mb", str(args.folder_mb), "--file-kb", str(args.file_kb)],
        "a4": ["folder", "{out}", "--mb", str(args.folder_mb * 4), "--file-kb", str(args.file_kb)],
        "b": ["file", "{out}", "--mb", str(args.trad_mb), "--seeds", "002"],
        "c": [
            "nopunct", "{out}", "--mb", str(args.nopunct_mb),
            "--prefix-out", "{out}.prefix", "--prefix-mb", str(args.nopunct_prefix_mb),
        ],
        "d": ["file", "{out}", "--mb", str(args.large_mb), "--seeds", "000,001,004"],
    }


def make_corpora(args):
    """Build each corpus unless its stamp says it is already there, made the same way."""
    maker = os.path.join(BENCH, "make_corpus.py")
    h = hashlib.sha256()
    for p in [maker] + sorted(os.path.join(ROOT, "seeds", n) for n in os.listdir(os.path.join(ROOT, "seeds"))):
        with open(p, "rb") as f:
            h.update(f.read())
    base = os.path.join(WORK, "corpus")
    os.makedirs(base, exist_ok=True)
    paths = {}
    suffix = {"a": "", "a4": "", "b": ".txt", "c": ".txt", "d": ".txt"}
    names = {"a": "folder", "a4": "folder4x", "b": "traditional", "c": "nopunct", "d": "simplified"}
    for key, spec in corpus_specs(args).items():
        out = os.path.join(base, names[key] + suffix[key])
        argv = [a.replace("{out}", out) for a in spec]
        stamp_path = os.path.join(base, f".{names[key]}.stamp")
        stamp = json.dumps({"argv": argv, "inputs": h.hexdigest()})
        try:
            with open(stamp_path) as f:
                fresh = f.read() == stamp and os.path.exists(out)
        except OSError:
            fresh = False
        if not fresh:
            say(f"making corpus ({key}): make_corpus.py {' '.join(argv)}")
            r = subprocess.run([sys.executable, maker] + argv, stdout=subprocess.DEVNULL)
            if r.returncode != 0:
                raise Failed(f"make_corpus.py {' '.join(argv)} failed")
            with open(stamp_path, "w") as f:
                f.write(stamp)
        paths[key] = out
    paths["c1"] = paths["c"] + ".prefix"
    return paths


def ensure_python(args):
    """The interpreter with opencc and jieba, or None (the Python figures are then left out)."""
    if args.no_python:
        return None
    check = ["-c", "import opencc, jieba"]
    if args.python:
        return args.python
    venv = os.path.join(WORK, "venv")
    py = os.path.join(venv, "bin", "python")
    if os.path.exists(py) and subprocess.run([py] + check, capture_output=True).returncode == 0:
        return py
    say(f"setting up {venv} with opencc and jieba (pip; needs the network) ...")
    try:
        if not os.path.exists(py):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        req = os.path.join(BENCH, "requirements.txt")
        subprocess.run([py, "-m", "pip", "install", "-q", "-r", req], check=True)
        subprocess.run([py] + check, check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as e:
        say(f"warning: no Python baseline ({e}); its figures are left out")
        return None
    return py


def python_versions(py):
    if not py:
        return "not measured"
    code = (
        "import sys, opencc, jieba; "
        "print(sys.version.split()[0], getattr(opencc, '__version__', '?'), jieba.__version__)"
    )
    r = subprocess.run([py, "-c", code], capture_output=True, text=True)
    v = (r.stdout.split() + ["?", "?", "?"])[:3]
    return f"Python {v[0]}, opencc {v[1]} (the C++ OpenCC), jieba {v[2]}"


# ---------------------------------------------------------------------------------------
# The output check


def output_sections(binary, extra):
    """(name, bytes, keep the text) for every command on seeds/ and on `extra`."""
    folders = [("seeds", ROOT, "seeds")]
    if extra:
        folders.append((f"extra:{os.path.basename(extra)}", os.path.dirname(extra), os.path.basename(extra)))
    commands = [
        (["analyze", "--format", "json"], True),
        (["normalize", "--format", "json"], True),
        (["segment", "--format", "text"], True),
        (["segment", "--format", "json"], False),
    ]
    out = []
    for label, cwd, arg in folders:
        for argv, keep in commands:
            r = run([binary, "--quiet"] + argv + [arg], cwd=cwd, keep_stdout=True)
            out.append((f"{' '.join(argv)} {label}", r.out, keep))
    return out


def save_reference(path, sections, header):
    with open(path, "wb") as f:
        f.write(f"# policylens output reference (bench/compare.py --save-reference)\n# {header}\n".encode())
        for name, data, keep in sections:
            digest = hashlib.sha256(data).hexdigest()
            tail = "" if keep else " hash-only"
            f.write(f"=== {name} sha256={digest} bytes={len(data)}{tail}\n".encode())
            if keep:
                f.write(data + b"\n")


def load_reference(path):
    """name → (sha256, text or None)."""
    with open(path, "rb") as f:
        blob = f.read()
    sections, i = {}, 0
    while i < len(blob):
        j = blob.index(b"\n", i)
        line = blob[i:j].decode()
        i = j + 1
        if not line.startswith("=== "):
            continue
        head, _, rest = line[4:].partition(" sha256=")
        fields = rest.split()
        digest, size = fields[0], int(fields[1].removeprefix("bytes="))
        text = None
        if "hash-only" not in fields:
            text = blob[i : i + size]
            i += size + 1
        sections[head] = (digest, text)
    return sections


def check_reference(path, sections):
    """Print what differs from the reference; True when nothing does."""
    ref = load_reference(path)
    ok, checked = True, 0
    for name, data, _ in sections:
        if name not in ref:
            say(f"  not in the reference, not checked: {name}")
            continue
        checked += 1
        digest, text = ref[name]
        if hashlib.sha256(data).hexdigest() == digest and (text is None or text == data):
            continue
        ok = False
        say(f"  DIFFERS: {name}")
        if text is not None:
            diff = difflib.unified_diff(
                text.decode("utf-8", "replace").splitlines(),
                data.decode("utf-8", "replace").splitlines(),
                "reference", "now", lineterm="", n=1,
            )
            for k, line in enumerate(diff):
                if k == 40:
                    say("    ...")
                    break
                say("    " + line[:200])
    for name in ref:
        if name not in {s[0] for s in sections}:
            say(f"  in the reference but not run now (folder missing?): {name}")
    return ok, checked


def default_extra():
    """../shared/dev/docs beside the repository, or beside the main worktree of a git
    worktree (whose common git dir is main/.git)."""
    candidates = [os.path.join(ROOT, "..", "shared", "dev", "docs")]
    r = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode == 0:
        main = os.path.dirname(os.path.abspath(os.path.join(ROOT, r.stdout.strip())))
        candidates.append(os.path.join(main, "..", "shared", "dev", "docs"))
    for c in candidates:
        if os.path.isdir(c):
            return os.path.realpath(c)
    return None


# ---------------------------------------------------------------------------------------
# Measuring


def median(xs):
    return statistics.median(xs) if xs else None


def spread(xs, fmt="{:.2f}", unit=""):
    """'median (min–max)' of a list, or just the value when there is one."""
    if not xs:
        return "not measured"
    m = fmt.format(median(xs)) + unit
    if len(xs) == 1:
        return m
    return f"{m} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"


def startup(args, binary, seed, cpus1, add):
    """Start-up: a bare process (--help), --version (which loads the dictionaries to count
    them), and analyze / segment of one seed, alternating."""
    say(f"start-up: {args.startup_runs} runs each of --help, --version, analyze and segment of one seed, 1 core")
    one = os.path.join("seeds", seed)
    commands = {
        "help": [binary, "--help"],
        "version": [binary, "--version"],
        "seed": [binary, "--quiet", "analyze", one],
        "seg": [binary, "--quiet", "segment", one],
    }
    for _ in range(args.startup_runs):
        for key, cmd in commands.items():
            r = run(cmd, cpus=cpus1)
            add(f"start_{key}", r.wall)
            add(f"start_{key}_cpu", r.cpu)
            add(f"rss_{key}", r.rss)


def measure(args, binary, corpora, py, cpus1, cpus2):
    """Every figure, as lists over the repetitions (ratios computed within a repetition).
    Each policylens throughput is given for the whole process and with the start-up CPU time
    (the median of analyze or segment on one seed) taken off, as the Python figures are
    given without their loading: the goals compare the latter."""
    size = {k: tree_bytes(p)[0] for k, p in corpora.items()}
    f = {}  # figure name → list of values

    def add(name, value):
        f.setdefault(name, []).append(value)

    seed = sorted(n for n in os.listdir(os.path.join(ROOT, "seeds")) if n.startswith("001"))[0]
    startup(args, binary, seed, cpus1, add)
    base = {"analyze": median(f["start_seed_cpu"]), "segment": median(f["start_seg_cpu"])}

    def rate(name, key, r, command="analyze"):
        add(name, size[key] / MB / r.cpu)
        add(name + "_net", size[key] / MB / max(r.cpu - base[command], 1e-3))

    analyze = [binary, "--quiet", "analyze", "--format", "json"]
    copies = max(1, round(size["c"] / size["c1"]))
    f["c1_copies"] = [copies]
    for rep in range(args.repeat):
        say(f"repetition {rep + 1} of {args.repeat}")
        add("load", os.getloadavg()[0])

        def timed(label, cmd, cpus, keep=False):
            say(f"  {label} ...")
            r = run(cmd, cpus=cpus, keep_stdout=keep)
            say(f"    {r.wall:.2f} s wall, {r.cpu:.2f} s CPU, {r.rss / 2**20:.0f} MiB")
            return r

        r = timed("analyze (a), 1 core", analyze + [corpora["a"]], cpus1)
        rate("analyze_a", "a", r)
        add("analyze_a_wall1", r.wall)
        r = timed("segment (a), 1 core", [binary, "--quiet", "segment", corpora["a"]], cpus1)
        rate("segment_a", "a", r, "segment")
        if py:
            cmd = [py, os.path.join(BENCH, "py_baseline.py"), "pipeline", corpora["a"],
                   "--max-mb", str(args.py_mb), "--cache-dir", os.path.join(WORK, "jieba-cache")]
            r = timed("Python pipeline (a), 1 core", cmd, cpus1, keep=True)
            res = json.loads(r.out)
            add("python_a", res["bytes"] / MB / r.cpu)
            add("python_a_net", res["mb_per_cpu_s"])
            add("python_a_load", res["load_cpu_s"])
            f["python_a_bytes"] = [res["bytes"]]
        r = timed("analyze (b), 1 core", analyze + [corpora["b"]], cpus1)
        rate("analyze_b", "b", r)
        add("rss_b", r.rss)
        if py:
            cmd = [py, os.path.join(BENCH, "py_baseline.py"), "t2s", corpora["b"]]
            r = timed("OpenCC t2s (b), 1 core", cmd, cpus1, keep=True)
            res = json.loads(r.out)
            add("t2s_b", res["bytes"] / MB / r.cpu)
            add("t2s_b_net", res["mb_per_cpu_s"])
            add("t2s_b_load", res["load_cpu_s"])
        # its beginning as that many documents in one process: the same start-up and about
        # the same bytes as (c), so only the length of the document differs
        r = timed(f"analyze (c) its beginning x{copies}, 1 core", analyze + [corpora["c1"]] * copies, cpus1)
        add("analyze_c1", copies * size["c1"] / MB / r.cpu)
        add("analyze_c1_net", copies * size["c1"] / MB / max(r.cpu - base["analyze"], 1e-3))
        r = timed("analyze (c), 1 core", analyze + [corpora["c"]], cpus1)
        rate("analyze_c", "c", r)
        add("analyze_c_cpu", r.cpu)
        r = timed("analyze (d), 1 core", analyze + [corpora["d"]], cpus1)
        rate("analyze_d", "d", r)
        add("analyze_d_wall1", r.wall)
        add("rss_d1", r.rss)
        if cpus2:
            r = timed("analyze (a), 2 cores", analyze + [corpora["a"]], cpus2)
            add("analyze_a_wall2", r.wall)
            add("rss_a", r.rss)
            r = timed("analyze (a x4), 2 cores", analyze + [corpora["a4"]], cpus2)
            add("rss_a4", r.rss)
            add("analyze_a4_wall2", r.wall)
            r = timed("analyze (d), 2 cores", analyze + [corpora["d"]], cpus2)
            add("analyze_d_wall2", r.wall)
            add("rss_d2", r.rss)
        # ratios within this repetition
        last = {k: v[-1] for k, v in f.items()}
        add("r_seg", last["analyze_a_net"] / last["segment_a_net"])
        if py:
            add("r_py", last["analyze_a_net"] / last["python_a_net"])
            add("r_t2s", last["analyze_b_net"] / last["t2s_b_net"])
        add("r_lin", last["analyze_c"] / last["analyze_c1"])
        add("r_lin_a", last["analyze_c_net"] / last["analyze_a_net"])
        if cpus2:
            add("r_par_a", last["analyze_a_wall1"] / last["analyze_a_wall2"])
            add("r_par_d", last["analyze_d_wall1"] / last["analyze_d_wall2"])
            add("r_rss4", last["rss_a4"] / last["rss_a"])

    # CPU time, not wall: a busy machine stretches the wall time of a 5 ms process several-fold
    f["r_start"] = [median(f["start_seed_cpu"]) / median(f["start_version_cpu"])]
    f["r_start_help"] = [median(f["start_seed_cpu"]) / median(f["start_help_cpu"])]
    engine = median(f["rss_seed"])
    for k, corpus in (("d1", "d"), ("d2", "d"), ("b", "b")):
        if f.get(f"rss_{k}"):
            f[f"per_byte_{k}"] = [(x - engine) / size[corpus] for x in f[f"rss_{k}"]]
    return f, size, seed


# ---------------------------------------------------------------------------------------
# The report


def cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def git_commit():
    r = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return r.stdout.strip() or "?"


def mib(xs):
    return spread([x / 2**20 for x in xs], "{:.0f}") if xs else "not measured"


def row(label, *cols, width=46, col=24):
    return ("  " + f"{label:<{width}}" + "".join(f"{c:<{col}}" for c in cols)).rstrip()


def goal_line(name, values, goal, ok, unit="×", fmt="{:.2f}"):
    if not values:
        return row(name, "not measured", goal)
    met = "met" if ok(median(values)) else "NOT MET"
    return row(name, spread(values, fmt, unit), goal, met)


def report(args, f, size, seed, info, cpus1):
    g = f.get
    nfiles = {k: tree_bytes(p)[1] for k, p in info["corpora"].items()}
    py_mb = g("python_a_bytes", [0])[0] / MB
    ms = "{:.1f}"
    c_mb, c1_mb = size["c"] / MB, size["c1"] / MB

    def both(key, fmt="{:.2f}"):
        return spread(g(key), fmt), spread(g(key + "_net"), fmt)

    def msec(key):
        return spread([x * 1e3 for x in g(key)], ms)

    L = [
        "policylens speed comparison (bench/compare.sh)",
        f"date      {info['date']}",
        f"machine   {os.cpu_count()} cores, {cpu_model()}; load average {info['load0']} at start, "
        f"{info['load1']} at end",
        f"binary    {info['version']}, commit {info['commit']}",
        f"python    {info['python']}",
        f"corpora   (a) {nfiles['a']:,} files, {size['a'] / MB:.1f} MB; (a x4) {nfiles['a4']:,} files, "
        f"{size['a4'] / MB:.1f} MB; (b) traditional, {size['b'] / MB:.1f} MB;",
        f"          (c) no punctuation, {c_mb:.1f} MB, and its first {c1_mb:.1f} MB; "
        f"(d) simplified, {size['d'] / MB:.1f} MB",
        f"          1-minute load average at each repetition: {spread(g('load'))} (other work on the",
        "          machine slows the wall-time figures most)",
        f"method    {args.repeat} repetition(s): median (min–max); MB = 10^6 bytes; 1 core = "
        f"taskset -c {cpus1[0]}; CPU = user + sys",
        "",
        row("MB per CPU-second, 1 core", "whole process", "start-up excluded"),
        row("policylens analyze (a) folder", *both("analyze_a")),
        row("policylens segment (a) folder", *both("segment_a")),
        row(f"Python OpenCC+jieba+re (a), first {py_mb:.1f} MB", *both("python_a", "{:.3f}")),
        row("policylens analyze (b) traditional", *both("analyze_b")),
        row("OpenCC t2s via Python (b) traditional", *both("t2s_b")),
        row(f"policylens analyze (c) no punctuation, {c_mb:.0f} MB", *both("analyze_c", "{:.3f}")),
        row(f"policylens analyze (c) its first {c1_mb:.1f} MB x{g('c1_copies')[0]}", *both("analyze_c1", "{:.3f}")),
        row("policylens analyze (d) one simplified file", *both("analyze_d")),
        row(f"(start-up excluded: for Python its loading of OpenCC and jieba, {spread(g('python_a_load'))} "
            "CPU-s;", width=0),
        row(" for policylens the CPU time of analyze or segment of one seed, below)", width=0),
        row(f"(c) no punctuation, {c_mb:.0f} MB: {spread(g('analyze_c_cpu'), '{:.1f}')} CPU-seconds", width=0),
        "",
        row(f"start-up, 1 core, {args.startup_runs} runs", "wall ms", "CPU ms"),
        row("policylens --help (a bare process)", msec("start_help"), msec("start_help_cpu")),
        row("policylens --version (loads the dictionaries)", msec("start_version"), msec("start_version_cpu")),
        row(f"policylens analyze seeds/{seed[:7]}…", msec("start_seed"), msec("start_seed_cpu")),
        row(f"policylens segment seeds/{seed[:7]}…", msec("start_seg"), msec("start_seg_cpu")),
        "",
        row("memory", "max RSS, MiB", "bytes per input byte"),
        row("analyze one seed (the engine), 1 core", mib(g("rss_seed"))),
        row("analyze (a) folder, 2 cores", mib(g("rss_a"))),
        row("analyze (a x4) folder, 2 cores", mib(g("rss_a4"))),
        row("analyze (d) one file, 1 core", mib(g("rss_d1")), spread(g("per_byte_d1"), "{:.1f}")),
        row("analyze (d) one file, 2 cores", mib(g("rss_d2")), spread(g("per_byte_d2"), "{:.1f}")),
        row("analyze (b) traditional file, 1 core", mib(g("rss_b")), spread(g("per_byte_b"), "{:.1f}")),
        row("(bytes per input byte: RSS over the engine's, divided by the file's size)", width=0),
        "",
        row("wall seconds", "1 core", "2 cores"),
        row("analyze (a) folder", spread(g("analyze_a_wall1")), spread(g("analyze_a_wall2"))),
        row("analyze (a x4) folder", "", spread(g("analyze_a4_wall2"))),
        row("analyze (d) one file", spread(g("analyze_d_wall1")), spread(g("analyze_d_wall2"))),
        "",
        row("goals of issue 11 (start-up excluded)", "measured", "goal"),
        goal_line("analyze ÷ segment, (a)", g("r_seg"), "≥ 1.5×", lambda x: x >= 1.5),
        goal_line("analyze ÷ Python pipeline, (a)", g("r_py"), "≥ 100×", lambda x: x >= 100, fmt="{:.1f}"),
        goal_line("analyze (b) ÷ OpenCC t2s (b)", g("r_t2s"), "≥ 1×", lambda x: x >= 1),
        goal_line("analyze (a), MB per CPU-second", g("analyze_a_net"), "≥ 40 (aim)", lambda x: x >= 40,
                  unit=""),
        goal_line("start-up CPU: analyze one seed ÷ --version", g("r_start"), "≤ 8×", lambda x: x <= 8,
                  fmt="{:.1f}"),
        row("start-up CPU: analyze one seed ÷ --help", spread(g("r_start_help"), "{:.1f}", "×"), "(for scale)"),
        goal_line("start-up CPU: analyze one seed, ms", [x * 1e3 for x in g("start_seed_cpu")], "≤ 30",
                  lambda x: x <= 30, unit="", fmt="{:.0f}"),
        goal_line("memory: RSS (a x4) ÷ RSS (a)", g("r_rss4"), "≤ 1.25× (flat)", lambda x: x <= 1.25),
        goal_line("memory: bytes per input byte, (d) 2 cores", g("per_byte_d2"), "≤ 4", lambda x: x <= 4,
                  unit="", fmt="{:.1f}"),
        goal_line(f"linear: MB/s (c) ÷ its first MB x{g('c1_copies')[0]}", g("r_lin"), "≥ 0.8×", lambda x: x >= 0.8),
        goal_line("linear: MB/s (c) ÷ MB/s (a)", g("r_lin_a"), "≥ 0.8×", lambda x: x >= 0.8, fmt="{:.3f}"),
        goal_line("2 cores: speed-up on (a) folder", g("r_par_a"), "≥ 1.7×", lambda x: x >= 1.7),
        goal_line("2 cores: speed-up on (d) one file", g("r_par_d"), "≥ 1.5×", lambda x: x >= 1.5),
    ]
    return L


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="the policylens binary to measure (default: build target/release/policylens)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions of every measurement (default 3)")
    ap.add_argument("--startup-runs", type=int, default=21, help="runs of each start-up command (default 21)")
    ap.add_argument("--folder-mb", type=float, default=50, help="size of the folder (a) (default 50; a x4 is 4 times it)")
    ap.add_argument("--file-kb", type=float, default=25, help="size of each file of (a) (default 25)")
    ap.add_argument("--trad-mb", type=float, default=20, help="size of the traditional file (b) (default 20)")
    ap.add_argument("--nopunct-mb", type=float, default=10, help="size of the text without punctuation (c) (default 10)")
    ap.add_argument("--nopunct-prefix-mb", type=float, default=1, help="its beginning measured alone (default 1)")
    ap.add_argument("--large-mb", type=float, default=20, help="size of the simplified file (d) (default 20)")
    ap.add_argument("--py-mb", type=float, default=5, help="MB of (a) the Python pipeline reads (default 5)")
    ap.add_argument("--quick", action="store_true", help="a tenth of every size, 1 repetition, 5 start-up runs")
    ap.add_argument("--python", help="an interpreter with opencc and jieba (default: target/bench/venv)")
    ap.add_argument("--no-python", action="store_true", help="leave out the Python baselines")
    ap.add_argument("--save-reference", metavar="FILE", help="save the output on the seeds and --extra to FILE")
    ap.add_argument("--check-against", metavar="FILE", help="check the output is byte-identical to FILE")
    ap.add_argument("--check-only", action="store_true", help="stop after saving or checking the output")
    ap.add_argument("--extra", help="another folder for the output check (default ../shared/dev/docs if there)")
    ap.add_argument("--no-extra", action="store_true", help="check the seeds only")
    ap.add_argument("--results", metavar="FILE", help="also write the report as markdown (bench/RESULTS.md)")
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    args = ap.parse_args()
    if args.quick:
        for k in ("folder_mb", "trad_mb", "nopunct_mb", "nopunct_prefix_mb", "large_mb", "py_mb"):
            setattr(args, k, getattr(args, k) / 10)
        args.repeat, args.startup_runs = 1, 5
    started = time.time()
    try:
        binary = build(args)
        version = run([binary, "--version"], keep_stdout=True).out.decode().splitlines()[0]
        if args.save_reference or args.check_against:
            extra = None if args.no_extra else (os.path.abspath(args.extra) if args.extra else default_extra())
            say(f"output check on seeds/{' and ' + extra if extra else ''}")
            sections = output_sections(binary, extra)
            if args.check_against:
                ok, checked = check_reference(args.check_against, sections)
                if checked == 0:
                    say(f"{args.check_against} holds none of these outputs: nothing was checked")
                    return 1
                if not ok:
                    say(f"output differs from {args.check_against}: the speed change changed the output")
                    return 1
                say(f"output identical to {args.check_against} ({checked} outputs)")
            if args.save_reference:
                save_reference(args.save_reference, sections, f"{version}, commit {git_commit()}")
                say(f"saved {len(sections)} outputs to {args.save_reference}")
        if args.check_only:
            return 0
        affinity = sorted(os.sched_getaffinity(0))
        cpus1 = affinity[:1]
        cpus2 = affinity[:2] if len(affinity) >= 2 else None
        corpora = make_corpora(args)
        py = ensure_python(args)
        info = {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "load0": "{:.2f}".format(os.getloadavg()[0]),
            "version": version,
            "commit": git_commit(),
            "python": python_versions(py),
            "corpora": corpora,
        }
        figures, size, seed = measure(args, binary, corpora, py, cpus1, cpus2)
        info["load1"] = "{:.2f}".format(os.getloadavg()[0])
    except Failed as e:
        say(f"compare.py: {e}")
        return 2
    lines = report(args, figures, size, seed, info, cpus1)
    took = time.time() - started
    lines.append("")
    lines.append(f"took {took // 60:.0f} min {took % 60:.0f} s")
    print("\n".join(lines))
    if args.results:
        write_results(args.results, lines)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"info": info, "bytes": size, "figures": figures}, fh, indent=1)
    return 0


def write_results(path, lines):
    text = [
        "# Speed: bench/compare.sh",
        "",
        "Written by `bench/compare.sh --results bench/RESULTS.md` (see `bench/compare.py --help` for",
        "what each figure is). The goals are those of issue 11; the ratios are taken within each",
        "repetition of one run, so that the noise of a shared machine cancels.",
        "",
        "```text",
        *lines,
        "```",
        "",
    ]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(text))


if __name__ == "__main__":
    sys.exit(main())
