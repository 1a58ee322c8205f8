"""The Markdown reader on pathological input: time and peak memory per case, each in a fresh process.

    python -m benchmarks.markdown_parsing                # the Markdown reader alone
    python -m benchmarks.markdown_parsing --check        # the whole `sbp-lint check` on the same files

Not a test: see README.md for the numbers before and after the parser's work was bounded (issue 13).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

CASES = {
    "200 KB of [": lambda: "[" * 200_000,
    "200 KB of ![": lambda: "![" * 100_000,
    "200 KB of *[": lambda: "*[" * 100_000,
    "200 KB of [ and line breaks": lambda: "[\n" * 100_000,
    "200 KB of *a": lambda: "*a" * 100_000,
    "200 KB of **a": lambda: "**a" * 66_666,
    "one 115 KB paragraph of prose with 12,000 links and emphases":
        lambda: "She refuses her [tablets] on *Tuesday* and [Wednesday](x) " * 2000 + "\n",
    "19 MB single line of [": lambda: "[" * 19_000_000,
}
_READ = """
import resource, sys, time
from sbp_lint.documents.markdown import read_markdown
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
blocks = read_markdown(text)
print(f"{time.perf_counter() - start:.2f}\\t{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def run_case(path: Path, whole_check: bool, timeout: float) -> str:
    if whole_check:
        command = ["/usr/bin/time", "-f", "%e\t%M", sys.executable, "-m", "sbp_lint.cli", "check", "--no-cache", str(path)]
    else:
        command = [sys.executable, "-c", _READ, str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"over {timeout:g} s | -"
    line = (done.stderr if whole_check else done.stdout).strip().splitlines()[-1]
    seconds, memory = line.split("\t")
    memory = int(float(memory)) // (1024 if whole_check else 1)
    return f"{float(seconds):.2f} | {memory}"


def main(argv: list[str]) -> None:
    whole_check = "--check" in argv
    print(f"| input | {'check' if whole_check else 'read_markdown'} (s) | peak memory (MB) |")
    print("|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            path = Path(folder) / "case.md"
            path.write_text(make(), encoding="utf-8")
            print(f"| {name} | {run_case(path, whole_check, 300.0)} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
