"""The UI's clock for "refreshed 5s ago": one place, so snapshot tests can freeze it."""

from __future__ import annotations

import time

monotonic = time.monotonic
