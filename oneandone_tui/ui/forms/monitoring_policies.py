"""Monitoring policies: create with all five thresholds, ports and processes; modify (name,
e-mail, thresholds); delete. Ports, processes and servers of a policy are in
``monitoring_parts.py``."""

from __future__ import annotations

from typing import Any

from ...api.models import MonitoringPolicy, MonitoringPolicyUpdate, Port, Process, Threshold
from ...api.models.monitoring import ENTITIES
from .common import DESCRIPTION, NAME, delete_action, edit_action, item_id
from .context import Ctx
from .fields import Bool, Choice, Const, Group, Int, Text
from .registry import register
from .spec import Action, FormSpec, follow_result, model

#: Sensible starting levels (percent for cpu/ram/disk, kbps for transfer, ms for ping).
DEFAULTS = {"cpu": (90, 95), "ram": (90, 95), "disk": (80, 90), "transfer": (1000, 2000),
            "internal_ping": (50, 100)}
UNITS = {"cpu": "%", "ram": "%", "disk": "%", "transfer": "kbps", "internal_ping": "ms"}


def _threshold_rows(thresholds: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    rows = []
    for entity in ENTITIES:
        given = (thresholds or {}).get(entity) or {}
        warn, crit = given.get("warning") or {}, given.get("critical") or {}
        rows.append({"entity": entity,
                     "warning_value": warn.get("value", DEFAULTS[entity][0]),
                     "warning_alert": bool(warn.get("alert", False)),
                     "critical_value": crit.get("value", DEFAULTS[entity][1]),
                     "critical_alert": bool(crit.get("alert", True))})
    return rows


THRESHOLDS = Group(
    "thresholds", "Thresholds (cpu/ram/disk in %, transfer in kbps, ping in ms)", fixed=True,
    default=_threshold_rows(),
    fields=(Const("entity", "Entity", width=14),
            Int("warning_value", "Warning at"), Bool("warning_alert", "Alert", hint="alert",
                                                     width=10),
            Int("critical_value", "Critical at"), Bool("critical_alert", "Alert", hint="alert",
                                                       width=10)))
PORT_FIELDS = (Choice("protocol", "Protocol", options=("TCP", "UDP"), default="TCP",
                      blank=False, width=10),
               Int("port", "Port", hint="1..65535", width=12),
               Choice("alert_if", "Alert if", options=("RESPONDING", "NOT_RESPONDING"),
                      default="NOT_RESPONDING", blank=False),
               Bool("email_notification", "E-mail", hint="e-mail", width=11))
PROCESS_FIELDS = (Text("process", "Process", hint="name, up to 50 characters"),
                  Choice("alert_if", "Alert if", options=("RUNNING", "NOT_RUNNING"),
                         default="NOT_RUNNING", blank=False),
                  Bool("email_notification", "E-mail", hint="e-mail", width=11))
PORTS = Group("ports", "Ports", fields=PORT_FIELDS, add_label="Add port")
PROCESSES = Group("processes", "Processes", fields=PROCESS_FIELDS, add_label="Add process")
EMAIL = Text("email", "Alert e-mail", hint="where alerts go")

CREATE = FormSpec(
    title="New monitoring policy", submit_label="Create",
    fields=(NAME, DESCRIPTION, EMAIL,
            Bool("agent", "Agent", hint="the monitoring agent is installed"),
            THRESHOLDS, PORTS, PROCESSES),
    build=model(MonitoringPolicy, thresholds=Threshold, ports=Port, processes=Process),
    call=lambda v, item, req: v.ctx.client.monitoring_policies.create(req),
    follow=follow_result())


def _edit_initial(ctx: Ctx) -> dict[str, Any]:
    item = ctx.item or {}
    return {"name": item.get("name"), "description": item.get("description"),
            "email": item.get("email"), "thresholds": _threshold_rows(item.get("thresholds"))}


register(
    "monitoring_policies",
    Action("new", "New monitoring policy", CREATE, kind="new", needs_item=False),
    edit_action(model(MonitoringPolicyUpdate, thresholds=Threshold),
                lambda v, item, req: v.ctx.client.monitoring_policies.modify(item_id(item),
                                                                             req),
                fields=(NAME, DESCRIPTION, EMAIL, THRESHOLDS), initial=_edit_initial),
    delete_action(),
)
