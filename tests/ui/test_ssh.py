"""``t``: SSH to the selected server. A fake ``ssh`` on PATH records what it was given (user,
IP, key file); the TUI is suspended around it and comes back. No IP, no ssh, and the demo
each say so plainly."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from oneandone_tui.config import SshSettings
from oneandone_tui.ui.ssh import command, public_ip, start
from oneandone_tui.ui.widgets.status_bar import Connection
from tests.ui.forms.helpers import notifications, record, select_row, settle, show


def fake_ssh(tmp_path: Path) -> Path:
    """A ``ssh`` that writes its arguments, one a line, to ``args.txt``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "ssh"
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do echo "$a"; done > {tmp_path}/args.txt\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def real_account(app, ssh: SshSettings) -> list[str]:
    """The demo app posing as a real account; returns a log of suspends."""
    app.connection = Connection("work", "https://api.example", ssh=ssh)
    suspends: list[str] = []

    @contextlib.contextmanager
    def suspend():
        suspends.append("suspended")
        yield
        suspends.append("resumed")

    app.suspend = suspend
    return suspends


async def test_ssh_runs_with_user_ip_and_key(demo_app, tmp_path, monkeypatch):
    app = demo_app
    monkeypatch.setenv("PATH", str(fake_ssh(tmp_path)))
    suspends = real_account(app, SshSettings(user="admin", options=("-p", "2222"),
                                             keys=(("jane@laptop", "/keys/jane"),)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "web-01")
        await pilot.press("t")
        await settle(pilot)
        ip = app.emulator.store.server_ips(record(app, "servers", "web-01"))[0]["ip"]
        args = (tmp_path / "args.txt").read_text().split("\n")[:-1]
        assert args == ["-i", "/keys/jane", "-p", "2222", f"admin@{ip}"]
        assert suspends == ["suspended", "resumed"]
        assert any("Back from web-01" in n for n in notifications(app))
        # A server without a mapped key: no -i, and the default user.
        app.connection.ssh = SshSettings()
        await select_row(pilot, "db-primary")
        await pilot.press("t")
        await settle(pilot)
        ip = app.emulator.store.server_ips(record(app, "servers", "db-primary"))[0]["ip"]
        assert (tmp_path / "args.txt").read_text().split("\n")[:-1] == [f"root@{ip}"]


async def test_ssh_says_why_it_cannot(demo_app, tmp_path, monkeypatch):
    app = demo_app
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    suspends = real_account(app, SshSettings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "web-01")
        await pilot.press("t")
        await settle(pilot)
        assert any(n.startswith("No ssh program found on PATH. The command would be: ssh root@")
                   for n in notifications(app))
        assert suspends == []
        srv = record(app, "servers", "worker-us-02")  # powered off
        await select_row(pilot, "worker-us-02")
        await pilot.press("t")
        await settle(pilot)
        assert any("worker-us-02 is POWERED_OFF" in n for n in notifications(app))
        assert srv["state"] == "POWERED_OFF"
        # A server without a public IP.
        start(app, None, [{"id": "x", "name": "lonely", "ips": [],
                           "status": {"state": "POWERED_ON"}}])
        await settle(pilot)
        assert "lonely has no public IP: add one (i) to reach it by SSH." in \
            notifications(app)
        assert suspends == []


async def test_ssh_in_the_demo_shows_the_command(demo_app, tmp_path, monkeypatch):
    app = demo_app
    monkeypatch.setenv("PATH", str(fake_ssh(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "web-02")
        await pilot.press("t")
        await settle(pilot)
        ip = app.emulator.store.server_ips(record(app, "servers", "web-02"))[0]["ip"]
        assert any(n.startswith("Demo: web-02 exists only in the emulator") and
                   n.endswith(f"this runs: ssh root@{ip}") for n in notifications(app))
        assert not (tmp_path / "args.txt").exists()


def test_command_building():
    ssh = SshSettings(user="ops", keys=(("k1", "/k/1"),))
    server = {"ips": [{"ip": "2001:db8::1", "type": "IPV6"}, {"ip": "10.0.0.5", "type": "IPV4"}]}
    assert public_ip(server) == "10.0.0.5"
    assert command(server, ssh, ["k2", "k1"]) == ["ssh", "-i", "/k/1", "ops@10.0.0.5"]
    assert command({"ips": []}, ssh) is None
    assert command({"ips": None}, None) is None
    assert command({"ips": [{"ip": "2001:db8::1", "type": "IPV6"}]}, None) == [
        "ssh", "root@2001:db8::1"]
    assert os.sep not in "".join(command(server, None))
