"""mypy over the whole package, held to a baseline that may only shrink.

``oneandone_tui/api/`` and ``config.py`` must be clean (.ci/run checks them on their own, with
the strict settings of pyproject's [tool.mypy]); everything else still has errors from before
types were checked. Their count per file is in ``.ci/mypy-baseline.txt``: this script fails if
any file has more errors than its baseline (a new file starts at 0), so new code is typed and
old code only gets better. When a fix lowers a count, run it with ``--update`` and commit the
smaller baseline.

    python .ci/mypy_baseline.py [--update]
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / ".ci" / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error:")
#: Checked with no error allowed (and strictly) by .ci/run's own mypy line.
STRICT = ("oneandone_tui/api/", "oneandone_tui/config.py")


def current() -> Counter[str]:
    """Errors per file of the whole package, now."""
    run = subprocess.run([sys.executable, "-m", "mypy", "oneandone_tui"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):  # 2: mypy itself failed (bad config, crash)
        sys.exit(f"mypy could not run:\n{run.stdout}{run.stderr}")
    found: Counter[str] = Counter()
    for line in run.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            found[match["path"]] += 1
    return found


def read_baseline() -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in BASELINE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            count, path = line.split(maxsplit=1)
            counts[path] = int(count)
    return counts


def write_baseline(found: Counter[str]) -> None:
    lines = ["# mypy errors per file outside api/ and config.py (.ci/mypy_baseline.py).",
             "# May only shrink: fix some, then run `python .ci/mypy_baseline.py --update`.",
             f"# total {sum(found.values())}"]
    lines += [f"{found[path]} {path}" for path in sorted(found)]
    BASELINE.write_text("\n".join(lines) + "\n")


def main(argv: list[str]) -> int:
    found = current()
    strict = sorted(p for p in found if p.startswith(STRICT))
    if strict:
        print(f"mypy errors in the strictly checked client/config: {', '.join(strict)}")
        return 1
    if "--update" in argv:
        write_baseline(found)
        print(f"baseline written: {sum(found.values())} errors in {len(found)} files")
        return 0
    baseline = read_baseline()
    worse = {p: (baseline.get(p, 0), n) for p, n in found.items() if n > baseline.get(p, 0)}
    for path, (was, now) in sorted(worse.items()):
        print(f"{path}: {now} mypy errors, baseline {was}")
    total, allowed = sum(found.values()), sum(baseline.values())
    if worse:
        print(f"mypy: more errors than the baseline ({total} now, {allowed} allowed); "
              "type the new code (see `python -m mypy oneandone_tui`)")
        return 1
    if total < allowed:
        print(f"mypy: {total} errors, baseline {allowed}: lower it with "
              "`python .ci/mypy_baseline.py --update` and commit .ci/mypy-baseline.txt")
    else:
        print(f"mypy: {total} errors outside api/ and config.py, as in the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
