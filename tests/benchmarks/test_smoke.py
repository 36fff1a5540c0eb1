"""The benchmarks still run: the quick mode of the cheap ones (``python -m benchmarks --quick
--only waiting,loading``), as a user would start it. Their timing figures are not asserted
(a loaded CI machine is not a benchmark machine); the request counts are deterministic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quick_benchmarks_run_and_write_their_figures(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "waiting,loading",
         "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "4. Watch 50 deploying servers" in proc.stdout and "Met" in proc.stdout
    report = json.loads(out.read_text())
    assert report["machine"]["cores"] and report["command"].startswith("python -m benchmarks")
    results = {r["key"]: r for r in report["results"]}
    assert set(results) == {"waiting", "waiting_app", "loading"}

    waiting = results["waiting"]
    # One list request per round against one GET per server per round: deterministic.
    assert waiting["met"], waiting
    assert set(waiting["extra"]["one_list"]) == {"GET /v1/servers"}
    assert set(waiting["extra"]["per_server"]) == {"GET /v1/servers/{server_id}"}
    assert waiting["a"]["median"] * 25 <= waiting["b"]["median"]

    # The TUI's one poller following the same servers: lists only, never a GET per server.
    app = results["waiting_app"]
    assert set(app["extra"]["by_endpoint"]) == {"GET /v1/servers"}
    assert app["a"]["median"] * 5 <= app["b"]["median"]

    loading = results["loading"]
    assert loading["a"]["n"] == loading["b"]["n"] >= 3
    assert loading["a"]["median"] > loading["b"]["median"] > 0
