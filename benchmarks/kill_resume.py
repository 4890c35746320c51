"""Kill `extractor run` at random moments and restart it; nothing may be lost or doubled.

    python benchmarks/kill_resume.py [--articles 300] [--kills 20] [--seed 7]
        [-- extra `extractor run` options, e.g. --loops 2 --concurrency 8]

Starts the latency server, writes the articles into a temporary folder, then 20
times: starts `extractor run` on the folder with the same results file, kills
it with SIGKILL at a random moment while it is writing (0-1.5 s after its
first new line: start-up time varies, and a kill before any line would test
nothing), and starts it again. A last run goes to the end. Then every article
must appear exactly once, every line must parse, and every line must be ok.
Exits non-zero otherwise (CI runs it). Options after ``--`` are added to every
`extractor run` (a later ``--concurrency`` wins over the script's 4).
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from batch_throughput import article, latency_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=8791)
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    rng = random.Random(args.seed)
    with latency_server(args.port, 0.3), tempfile.TemporaryDirectory() as tmp:
        folder, results = Path(tmp) / "in", Path(tmp) / "results.jsonl"
        folder.mkdir()
        for n in range(args.articles):
            (folder / f"a{n:04}.txt").write_text(article(n, 300), encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "extractor",
            "run",
            str(folder),
            "-o",
            str(results),
            "--model",
            "bench",
            "--base-url",
            f"http://127.0.0.1:{args.port}/v1",
            "--mode",
            "tools",
            "--no-cache",
            "--concurrency",
            "4",
            *extra,
        ]
        print(f"extra options: {extra or 'none'}", flush=True)

        def count() -> int:
            return results.read_bytes().count(b"\n") if results.exists() else 0

        mid_run = 0
        for kill in range(1, args.kills + 1):
            before = count()
            run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            waited = time.monotonic()
            while count() == before and run.poll() is None and time.monotonic() - waited < 30:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 1.5))
            mid_run += run.poll() is None and count() > before
            run.send_signal(signal.SIGKILL)
            run.wait()
            print(f"kill {kill:2}: {count()} complete lines so far", flush=True)
        final = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ids, bad = [], 0
        for raw in results.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(raw)
            except ValueError:
                bad += 1
                continue
            ids.append(record["id"])
            bad += record["status"] != "ok"
        expected = {f"a{n:04}.txt" for n in range(args.articles)}
        missing, doubled = expected - set(ids), len(ids) - len(set(ids))
        print(
            f"final run exit {final.returncode}; {len(ids)} lines, {len(set(ids))} distinct, "
            f"{len(missing)} missing, {doubled} doubled, {bad} bad lines"
        )
        print(f"{mid_run} of {args.kills} kills landed while the run was writing")
        ok = final.returncode == 0 and not missing and not doubled and not bad and mid_run > 0
        print("kill-and-resume: " + ("ok" if ok else "FAILED"))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
