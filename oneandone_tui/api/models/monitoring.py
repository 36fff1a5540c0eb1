"""Request objects for monitoring policies (:class:`Threshold`, :class:`Port`,
:class:`Process`) and the :class:`Period` of logs, usages and the monitoring center."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ._base import Checker, RequestObject, compact

#: The address alerts go to (the emulator's rule; empty means none).
POLICY_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

__all__ = [
    "ENTITIES",
    "MonitoringPolicy",
    "MonitoringPolicyUpdate",
    "Period",
    "Port",
    "Ports",
    "Process",
    "Processes",
    "Threshold",
]

#: The five threshold entities; a new policy must give all of them.
ENTITIES = ("cpu", "ram", "disk", "transfer", "internal_ping")
PERCENT_ENTITIES = ("cpu", "ram", "disk")
PERIODS = ("LAST_HOUR", "LAST_24H", "LAST_7D", "LAST_30D", "LAST_365D", "CUSTOM")


@dataclass
class Threshold(RequestObject):
    """Warning and critical levels of one entity. Percentages (cpu, ram, disk) are 1..100
    (Terraform; .NET caps warnings at 95, the looser rule is kept)."""

    entity: str | None = None
    warning_value: int | None = None
    warning_alert: bool | None = None
    critical_value: int | None = None
    critical_alert: bool | None = None

    def check(self, c: Checker) -> None:
        c.choice("entity", self.entity, ENTITIES, required=True)
        bounds: dict[str, Any] = ({"lo": 1, "hi": 100} if self.entity in PERCENT_ENTITIES
                                  else {"lo": 1})
        c.integer("warning_value", self.warning_value, required=True, **bounds)
        c.boolean("warning_alert", self.warning_alert, required=True)
        warning, critical = self.warning_value, self.critical_value
        # The emulator's rule (in every entity warning < critical; see its module docs).
        if c.integer("critical_value", critical, required=True, **bounds) and \
                isinstance(warning, (int, float)) and not isinstance(warning, bool) \
                and isinstance(critical, (int, float)) and warning >= critical:
            c.fail("critical_value", f"must be above warning_value ({self.warning_value})")
        c.boolean("critical_alert", self.critical_alert, required=True)

    def to_body(self) -> dict[str, Any]:
        return {"warning": {"value": self.warning_value, "alert": self.warning_alert},
                "critical": {"value": self.critical_value, "alert": self.critical_alert}}


@dataclass
class Port(RequestObject):
    """A monitored port: alert when it is (not) ``RESPONDING``."""

    protocol: str | None = None
    port: int | None = None
    alert_if: str | None = None
    email_notification: bool | None = None

    def check(self, c: Checker) -> None:
        c.choice("protocol", self.protocol, ("TCP", "UDP"), required=True)
        # A numeric string is a port too: create-mp.json sends one, and the API takes it.
        port = self.port
        if isinstance(port, str) and port.strip().isascii() and port.strip().isdigit():
            port = int(port.strip())
        c.integer("port", port, required=True, lo=1, hi=65535)
        c.choice("alert_if", self.alert_if, ("RESPONDING", "NOT_RESPONDING"), required=True)
        c.boolean("email_notification", self.email_notification, required=True)

    def to_body(self) -> dict[str, Any]:
        return {"protocol": self.protocol, "port": self.port, "alert_if": self.alert_if,
                "email_notification": self.email_notification}


@dataclass
class Process(RequestObject):
    """A monitored process (name up to 50 characters): alert when it is (not) ``RUNNING``."""

    process: str | None = None
    alert_if: str | None = None
    email_notification: bool | None = None

    def check(self, c: Checker) -> None:
        c.text("process", self.process, required=True, max_len=50)
        c.choice("alert_if", self.alert_if, ("RUNNING", "NOT_RUNNING"), required=True)
        c.boolean("email_notification", self.email_notification, required=True)

    def to_body(self) -> dict[str, Any]:
        return {"process": self.process, "alert_if": self.alert_if,
                "email_notification": self.email_notification}


def _check_thresholds(c: Checker, thresholds: Any, *, all_entities: bool) -> None:
    if not c.items("thresholds", thresholds, Threshold, required=all_entities):
        return
    seen = [t.entity for t in thresholds or ()]
    for entity in ENTITIES:
        if seen.count(entity) > 1:
            c.fail("thresholds", f"gives {entity} more than once")
        elif all_entities and entity not in seen:
            c.fail("thresholds", f"must include {entity} (all of {', '.join(ENTITIES)})")


def _thresholds_body(thresholds: list[Threshold] | None) -> dict[str, Any] | None:
    if thresholds is None:
        return None
    return {t.entity: t.to_body() for t in thresholds if t.entity}


@dataclass
class MonitoringPolicy(RequestObject):
    """``POST /monitoring_policies``: all five thresholds; ports and processes may be empty."""

    name: str | None = None
    description: str | None = None
    email: str | None = None
    agent: bool | None = None
    thresholds: list[Threshold] | None = None
    ports: list[Port] | None = None
    processes: list[Process] | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        if c.text("email", self.email) and self.email and \
                not POLICY_EMAIL.fullmatch(self.email.strip()):
            c.fail("email", "must be an e-mail address such as ops@example.com")
        c.boolean("agent", self.agent, required=True)
        _check_thresholds(c, self.thresholds, all_entities=True)
        c.items("ports", self.ports, Port)
        c.items("processes", self.processes, Process)

    def to_body(self) -> dict[str, Any]:
        return compact({
            "name": self.name, "description": self.description, "email": self.email,
            "agent": self.agent, "thresholds": _thresholds_body(self.thresholds),
            # The SDK requires both lists: send them, empty when none.
            "ports": [p.to_body() for p in self.ports or ()],
            "processes": [p.to_body() for p in self.processes or ()],
        })


@dataclass
class MonitoringPolicyUpdate(RequestObject):
    """``PUT /monitoring_policies/{id}``: any of name, description, email, thresholds."""

    name: str | None = None
    description: str | None = None
    email: str | None = None
    thresholds: list[Threshold] | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)
        if c.text("email", self.email) and self.email and \
                not POLICY_EMAIL.fullmatch(self.email.strip()):
            c.fail("email", "must be an e-mail address such as ops@example.com")
        _check_thresholds(c, self.thresholds, all_entities=False)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "email": self.email, "thresholds": _thresholds_body(self.thresholds)})


@dataclass
class Ports(RequestObject):
    """``POST /monitoring_policies/{id}/ports``."""

    ports: list[Port] | None = None

    def check(self, c: Checker) -> None:
        c.items("ports", self.ports, Port, min_items=1)

    def to_body(self) -> dict[str, Any]:
        return {"ports": [p.to_body() for p in self.ports or ()]}


@dataclass
class Processes(RequestObject):
    """``POST /monitoring_policies/{id}/processes``."""

    processes: list[Process] | None = None

    def check(self, c: Checker) -> None:
        c.items("processes", self.processes, Process, min_items=1)

    def to_body(self) -> dict[str, Any]:
        return {"processes": [p.to_body() for p in self.processes or ()]}


def _parse_date(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _rfc3339(value: Any) -> str | None:
    """RFC 3339 in UTC, as the API wants it: text the rules accept (``2026-11-19``,
    ``2026-11-19 09:00``) is normalised rather than sent as typed."""
    if value is None:
        return None
    parsed = _parse_date(value)
    if parsed is None:
        return value if isinstance(value, str) else None
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Period(RequestObject):
    """The time window of ``/logs``, ``/usages`` and ``/monitoring_center/{id}``. ``CUSTOM``
    needs ``start_date`` and ``end_date`` (datetimes or ISO 8601 text), start strictly before end.
    The UI's period pickers validate through this class, so they refuse what the client would."""

    period: str | None = "LAST_24H"
    start_date: datetime | str | None = None
    end_date: datetime | str | None = None

    def check(self, c: Checker) -> None:
        c.choice("period", self.period, PERIODS, required=True)
        dates = {}
        for name in ("start_date", "end_date"):
            value = getattr(self, name)
            if value is None:
                if self.period == "CUSTOM":
                    c.fail(name, "is required when period is CUSTOM")
                continue
            parsed = _parse_date(value)
            if parsed is None:
                c.fail(name, "must be a date and time (ISO 8601, e.g. 2026-01-31T00:00:00Z)")
            else:
                dates[name] = parsed
        # Equal dates are refused too: an empty window has no data, and the API answers 400.
        if len(dates) == 2 and dates["start_date"] >= dates["end_date"]:
            c.fail("start_date", "must be before end_date")

    def to_body(self) -> dict[str, Any]:
        """The query parameters (this object is sent in the URL, not in a body)."""
        return compact({"period": self.period, "start_date": _rfc3339(self.start_date),
                        "end_date": _rfc3339(self.end_date)})
