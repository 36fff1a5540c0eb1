"""Running a real program under a pseudo-terminal and watching what it draws.

The process-level benchmarks (start-up, memory, idle) run the real CLI exactly as a user would:
a child process whose stdin/stdout/stderr are the slave side of a pty of a fixed size
(``TERM=xterm-256color``). A reader thread drains the master side (a terminal that stopped
reading would block the app) and timestamps every chunk, so "the first frame showing X" is the
moment the bytes of X reached the terminal: no hook in the product, the same method for every
program compared.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


class Term:
    """A child process on a pty. ``env`` replaces the environment (default: this one's);
    ``started`` is ``time.perf_counter()`` just before the process is created."""

    def __init__(self, argv: Sequence[str], *, size: tuple[int, int] = (120, 40),
                 env: dict[str, str] | None = None, cwd: str | None = None) -> None:
        master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**(os.environ if env is None else env), "TERM": "xterm-256color",
                    "COLORTERM": "truecolor", "COLUMNS": str(cols), "LINES": str(rows)}
        self._buf = bytearray()
        self._chunks: list[tuple[float, int]] = []  # (time, buffer length after the chunk)
        self._cond = threading.Condition()
        self._closed = False
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave,
                                     env=full_env, cwd=cwd, start_new_session=True,
                                     close_fds=True)
        os.close(slave)
        self._master = master
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:
                data = b""
            now = time.perf_counter()
            with self._cond:
                if not data:
                    self._closed = True
                    self._cond.notify_all()
                    return
                self._buf += data
                self._chunks.append((now, len(self._buf)))
                self._cond.notify_all()

    @property
    def output(self) -> bytes:
        with self._cond:
            return bytes(self._buf)

    def mark(self) -> int:
        """The current end of the output (search after it with ``wait_for(..., after=)``)."""
        with self._cond:
            return len(self._buf)

    def wait_for(self, text: str | bytes, timeout: float = 30.0, after: int = 0) -> float:
        """Block until ``text`` appears in the output after offset ``after``; return the
        ``perf_counter()`` time at which the chunk completing it arrived."""
        needle = text.encode() if isinstance(text, str) else text
        deadline = time.perf_counter() + timeout
        with self._cond:
            while True:
                at = self._buf.find(needle, after)
                if at >= 0:
                    end = at + len(needle)
                    return next(t for t, n in self._chunks if n >= end)
                if self._closed:
                    raise RuntimeError(f"process ended before {needle!r} appeared; output "
                                       f"tail: {bytes(self._buf[-400:])!r}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"{needle!r} not drawn within {timeout:g} s; output "
                                       f"tail: {bytes(self._buf[-400:])!r}")
                self._cond.wait(min(left, 0.5))

    def send(self, data: str | bytes) -> float:
        raw = data.encode() if isinstance(data, str) else data
        now = time.perf_counter()
        os.write(self._master, raw)
        return now

    # -- /proc figures ------------------------------------------------------------------------
    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far (``/proc/<pid>/stat``)."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def rss_mb(self) -> float:
        """Resident set size in MiB (``/proc/<pid>/statm``)."""
        with open(f"/proc/{self.pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE / 2**20

    def close(self, timeout: float = 5.0) -> None:
        """Ask the app to quit (ctrl+q), then terminate this process if it lingers."""
        if self.proc.poll() is None:
            try:
                os.write(self._master, b"\x11")
                self.proc.wait(timeout=timeout)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        self._reader.join(timeout=2)
        try:
            os.close(self._master)
        except OSError:
            pass

    def __enter__(self) -> Term:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
