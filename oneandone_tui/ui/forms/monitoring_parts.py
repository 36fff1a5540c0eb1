"""A monitoring policy's ports, processes and servers: add, modify (alert condition, e-mail and
also the protocol, port or process name: the API accepts those changes, as the Java and .NET
live tests show), remove; attach and detach servers."""

from __future__ import annotations

from typing import Any

from ...api.models import Port, Ports, Process, Processes
from .common import form_action, ids, item_id
from .context import FormValues
from .fields import Choice, Group, Int, Picker, Text
from .monitoring_policies import PORT_FIELDS, PROCESS_FIELDS
from .registry import register
from .sources import SERVERS, attached_servers, sub
from .spec import model


def _mp(v: FormValues) -> Any:
    return v.ctx.client.monitoring_policies


PORT_OF = sub("mp-ports", lambda ctx: ctx.client.monitoring_policies.ports(ctx.item_id),
              lambda p: f"{p.get('protocol')} {p.get('port')} · alert if {p.get('alert_if')}")
PROCESS_OF = sub("mp-processes",
                 lambda ctx: ctx.client.monitoring_policies.processes(ctx.item_id),
                 lambda p: f"{p.get('process')} · alert if {p.get('alert_if')}")


#: Left blank, the port keeps its protocol, number or name (the whole port is sent back).
NEW_PROTOCOL = Choice("protocol", "New protocol", options=("TCP", "UDP"), hint="unchanged",
                      width=10)
NEW_PORT = Int("port", "New port", hint="unchanged, or 1..65535", width=12)
NEW_PROCESS = Text("process", "New name", hint="unchanged, or up to 50 characters")


def _port(v: FormValues) -> Port:
    chosen = v.picked("port_id") or {}
    return Port(protocol=v.get("protocol") or chosen.get("protocol"),
                port=v.get("port") if v.get("port") is not None else chosen.get("port"),
                alert_if=v.get("alert_if"), email_notification=v.get("email_notification"))


def _process(v: FormValues) -> Process:
    chosen = v.picked("process_id") or {}
    return Process(process=v.get("process") or chosen.get("process"),
                   alert_if=v.get("alert_if"), email_notification=v.get("email_notification"))


register(
    "monitoring_policies",
    form_action(
        "add_ports", "Add ports",
        (Group("ports", "Ports", fields=PORT_FIELDS, min_rows=1, add_label="Add port"),),
        lambda v, item, req: _mp(v).add_ports(item_id(item), req),
        build=model(Ports, ports=Port), submit_label="Add"),
    form_action(
        "modify_port", "Modify a port",
        (Picker("port_id", "Port", source=PORT_OF), NEW_PROTOCOL, NEW_PORT, *PORT_FIELDS[2:]),
        lambda v, item, req: _mp(v).modify_port(item_id(item), v.get("port_id"), req),
        build=_port),
    form_action(
        "remove_port", "Remove a port", (Picker("port_id", "Port", source=PORT_OF),),
        lambda v, item, req: _mp(v).delete_port(item_id(item), v.get("port_id")),
        danger=True, submit_label="Remove"),
    form_action(
        "add_processes", "Add processes",
        (Group("processes", "Processes", fields=PROCESS_FIELDS, min_rows=1,
               add_label="Add process"),),
        lambda v, item, req: _mp(v).add_processes(item_id(item), req),
        build=model(Processes, processes=Process), submit_label="Add"),
    form_action(
        "modify_process", "Modify a process",
        (Picker("process_id", "Process", source=PROCESS_OF), NEW_PROCESS,
         *PROCESS_FIELDS[1:]),
        lambda v, item, req: _mp(v).modify_process(item_id(item), v.get("process_id"), req),
        build=_process),
    form_action(
        "remove_process", "Remove a process",
        (Picker("process_id", "Process", source=PROCESS_OF),),
        lambda v, item, req: _mp(v).delete_process(item_id(item), v.get("process_id")),
        danger=True, submit_label="Remove"),
    form_action(
        "attach", "Attach servers",
        (Group("servers", "Servers", min_rows=1, add_label="Add server",
               fields=(Picker("server_id", "Server", source=SERVERS),)),),
        lambda v, item, req: _mp(v).attach_servers(
            item_id(item), ids(v, "servers", "server_id")),
        submit_label="Attach"),
    form_action(
        "detach", "Detach a server",
        (Picker("server_id", "Server", source=attached_servers("monitoring_policies")),),
        lambda v, item, req: _mp(v).detach_server(item_id(item), v.get("server_id")),
        danger=True, submit_label="Detach"),
)
