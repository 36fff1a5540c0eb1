"""The rules a server's hardware and image must follow, shared by creating a server
(``server_create.py``) and by changing one (``servers.py``: hardware, disks, reinstall) and by
the images a server is made from (``images.py``)."""

from __future__ import annotations

from typing import Any

from .. import validate
from ..errors import BadRequest
from ..store import Record, Store

#: Bounds of a disk size and of the RAM, as keyword arguments of ``validate.integer``/``number``.
HDD_RULE: dict[str, Any] = {"lo": 20, "hi": 2000, "multiple": 20}
RAM_RULE: dict[str, Any] = {"lo": 1, "hi": 128, "multiple": 0.5}


def find_appliance(store: Store, appliance_id: str) -> Record | None:
    """A server appliance, or one of the account's images (usable to create or reinstall)."""
    app = store.server_appliances.get(appliance_id)
    if app is not None:
        return app
    img = store.images.get(appliance_id)
    if img is not None and img["state"] in ("ACTIVE", "ENABLED"):
        return img
    return None


def validate_hdds(raw: list[Any], path: str = "hdds") -> list[tuple[int, bool]]:
    """(size, is_main) of each disk of a request, every size within ``HDD_RULE``."""
    disks: list[tuple[int, bool]] = []
    for i, item in enumerate(raw):
        label = f"{path}[{i}]"
        size = validate.integer(item, "size", path=f"{label}.size", required=True, **HDD_RULE)
        main = validate.boolean(item, "is_main", path=f"{label}.is_main")
        disks.append((int(size or 0), bool(main)))
    return disks


def validate_cores(vcore: int, cpp: int, label: str = "cores_per_processor") -> None:
    if cpp > vcore or vcore % cpp:
        raise BadRequest(f"Field '{label}' must divide 'vcore' ({vcore}); got {cpp}.")
