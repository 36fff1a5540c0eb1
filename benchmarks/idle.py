"""Target 7: idle. With nothing in a transitional state, the servers view left alone for 60 s:
CPU time used (``/proc/<pid>/stat``, as a share of one core) and requests sent per minute.

Three processes run side by side over the same window, each on its own 120x40 pty:

* the demo (``oneandone-tui --demo servers``; its in-process emulator's work counts too);
* the TUI against the emulator over HTTP (``oneandone-tui emulator`` on a free loopback port,
  ``oneandone-tui servers --api-url ...`` with ``ONEANDONE_TOKEN``): the emulator counts
  every request it receives (``GET /_emulator/stats``), so the request rate is read from the
  server side, without any hook in the TUI;
* the one-Label Textual app, for reference: what Textual itself costs when idle.

Both emulators run at ``--time-scale 1000`` so that the demo account's one deploying server
(3 minutes of emulated time) is live before the window opens: nothing is transitional. The
window opens a few seconds after the tables show (the first load and the nav's counts done).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
import urllib.request
from typing import Any

from .apps.label_app import TEXT
from .common import CLI, ROOT, Result, Summary, child_env
from .startup import LABEL_APP
from .term import Term

SCALE = "1000"


def _stats(control: str) -> dict[str, Any]:
    with urllib.request.urlopen(control + "/_emulator/stats", timeout=10) as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def measure(window: float, settle: float) -> dict[str, Any]:
    env = child_env()
    server = subprocess.Popen([*CLI, "emulator", "--port", "0", "--time-scale", SCALE],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                              cwd=str(ROOT), text=True)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        control = url.rsplit("/v1", 1)[0]
        with tempfile.TemporaryDirectory() as home:
            http_env = child_env(ONEANDONE_TOKEN="demo-token", XDG_CONFIG_HOME=home,
                                 HOME=home)
            with Term([*CLI, "--demo", "--time-scale", SCALE, "servers"], env=env,
                      cwd=str(ROOT)) as demo, \
                    Term([*CLI, "servers", "--api-url", url], env=http_env,
                         cwd=str(ROOT)) as http, \
                    Term(LABEL_APP, env=env, cwd=str(ROOT)) as label:
                demo.wait_for("web-01", 60)
                http.wait_for("web-01", 60)
                label.wait_for(TEXT, 60)
                time.sleep(settle)
                procs = {"demo": demo, "http": http, "label": label}
                cpu0 = {k: p.cpu_seconds() for k, p in procs.items()}
                req0 = _stats(control)
                t0 = time.perf_counter()
                time.sleep(window)
                elapsed = time.perf_counter() - t0
                cpu1 = {k: p.cpu_seconds() for k, p in procs.items()}
                req1 = _stats(control)
    finally:
        server.terminate()
        server.wait(timeout=10)
    sent = {k: v - req0["requests"].get(k, 0) for k, v in req1["requests"].items()
            if v - req0["requests"].get(k, 0)}
    return {
        "cpu_percent": {k: (cpu1[k] - cpu0[k]) / elapsed * 100 for k in procs},
        "requests": req1["total"] - req0["total"],
        "requests_per_minute": (req1["total"] - req0["total"]) / elapsed * 60,
        "by_endpoint": sent,
        "window_s": elapsed,
    }


def run(quick: bool = False) -> list[Result]:
    window, settle = (12.0, 4.0) if quick else (60.0, 8.0)
    m = measure(window, settle)
    cpu = m["cpu_percent"]
    note = f"{m['window_s']:.0f} s window"
    return [
        Result("idle_cpu", "7. Idle CPU (% of one core)", "demo, servers view",
               Summary.of([cpu["demo"]]), "one-Label Textual app", Summary.of([cpu["label"]]),
               "%", cpu["demo"], "<=", 1.0, figure_label="% of a core",
               notes=[note, f"over HTTP: {cpu['http']:.2f}%"], extra=m),
        Result("idle_requests", "7. Idle requests per minute", "servers view over HTTP",
               Summary.of([m["requests_per_minute"]]), "", None, "req/min",
               m["requests_per_minute"], "<=", 6.0, figure_label="requests/min",
               notes=[note, json.dumps(m["by_endpoint"])], extra=m),
    ]
