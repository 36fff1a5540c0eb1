"""``t``: a shell on the selected server. The TUI is suspended (``App.suspend()``), the system
``ssh`` runs in the terminal, and the TUI comes back when the session ends.

The command is built here, Textual-free: the profile's user (default ``root``) and options, the
server's public IP (IPv4 first), and ``-i`` the local file of an SSH key assigned to the server
when the profile maps one (``ssh_keys = { deploy = "~/.ssh/deploy" }``, by the key's name or
id). Said plainly instead of run: no public IP, no ``ssh`` binary, or the demo (whose servers
exist nowhere: the toast shows the command that would run).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Callable, Sequence
from typing import Any

from ..catalogue import category
from .failures import FETCH_ERRORS


def public_ip(server: dict[str, Any]) -> str | None:
    """The server's public IP to connect to: the first IPv4, else the first one."""
    ips = [ip for ip in server.get("ips") or [] if isinstance(ip, dict) and ip.get("ip")]
    v4 = [ip for ip in ips if (ip.get("type") or "IPV4") == "IPV4" and ":" not in ip["ip"]]
    chosen = (v4 or ips)[:1]
    return str(chosen[0]["ip"]) if chosen else None


def command(server: dict[str, Any], ssh: Any, key_names: Sequence[str] = (),
            binary: str = "ssh") -> list[str] | None:
    """``ssh [-i key] [options] user@ip``; None when the server has no public IP."""
    ip = public_ip(server)
    if ip is None:
        return None
    user = getattr(ssh, "user", None) or "root"
    cmd = [binary]
    key = ssh.key_file(*key_names) if ssh is not None and key_names else None
    if key:
        cmd += ["-i", key]
    cmd += list(getattr(ssh, "options", ()) or ())
    cmd.append(f"{user}@{ip}")
    return cmd


async def assigned_keys(app: Any, server_id: str) -> list[str]:
    """Names and ids of the account's SSH keys assigned to the server (their ``servers``)."""
    try:
        keys = await app.feed.items(category("ssh_keys"))
    except FETCH_ERRORS:  # no key known: ssh without -i, its own defaults
        return []
    out: list[str] = []
    for key in keys or []:
        servers = key.get("servers") or []
        if any(isinstance(s, dict) and s.get("id") == server_id for s in servers):
            out += [str(key.get("name") or ""), str(key.get("id") or "")]
    return out


def run_in_terminal(app: Any, cmd: list[str],
                    runner: Callable[[list[str]], Any] = subprocess.run) -> int | None:
    """Suspend the TUI, run ``cmd`` in the terminal, come back; its exit code (None when the
    terminal cannot be handed over)."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            result = runner(cmd)
    except SuspendNotSupported:
        return None
    return int(getattr(result, "returncode", 0) or 0)


def start(app: Any, screen: Any, items: list[dict[str, Any]]) -> None:
    """The ``ssh`` action: checks, then the session in a worker (it waits for the key list)."""
    server = items[0] if items else None
    if server is None:
        app.notify("Select a server first.", severity="warning")
        return
    app.run_worker(_session(app, server), group="ssh", exit_on_error=False)


async def _session(app: Any, server: dict[str, Any]) -> None:
    name = str(server.get("name") or server.get("id"))
    ssh = getattr(app.connection, "ssh", None)
    keys = await assigned_keys(app, str(server.get("id")))
    cmd = command(server, ssh, keys)
    if cmd is None:
        app.notify(f"{name} has no public IP: add one (i) to reach it by SSH.",
                   title="SSH", severity="warning")
        return
    shown = shlex.join(cmd)
    if getattr(app.connection, "demo", False):
        app.notify(f"Demo: {name} exists only in the emulator, there is no host to reach. "
                   f"On a real account this runs: {shown}", title="SSH", timeout=10)
        return
    binary = shutil.which("ssh")
    if binary is None:
        app.notify(f"No ssh program found on PATH. The command would be: {shown}",
                   title="SSH", severity="error", timeout=10)
        return
    cmd[0] = binary
    code = run_in_terminal(app, cmd)
    if code is None:
        app.notify(f"This terminal cannot be handed over to ssh. Run it yourself: {shown}",
                   title="SSH", severity="warning", timeout=10)
    elif code:
        app.notify(f"ssh to {name} ended with code {code} ({shown}).", title="SSH",
                   severity="warning")
    else:
        app.notify(f"Back from {name}.", title="SSH")
