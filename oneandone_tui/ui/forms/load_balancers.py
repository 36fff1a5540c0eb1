"""Load balancers: create with rules and every health-check, persistence and method setting;
add and remove rules; attach server IPs (picked as "server — ip") and remove them; modify;
delete."""

from __future__ import annotations

from typing import Any

from ...api.models import LoadBalancer, LoadBalancerRule, LoadBalancerRules, LoadBalancerUpdate
from ...api.models.network import HEALTH_CHECKS, LB_METHODS, LB_PROTOCOLS
from .common import DESCRIPTION, NAME, delete_action, edit_action, form_action, ids, item_id
from .context import Ctx
from .fields import Bool, Choice, Group, Int, Picker, Text
from .registry import register
from .sources import DATACENTERS, SERVER_IPS, attached_ips, sub
from .spec import Action, FormSpec, follow_result, model


def http(v: dict[str, Any]) -> bool:
    return v.get("health_check_test") == "HTTP"


SETTINGS = (
    NAME, DESCRIPTION,
    Choice("health_check_test", "Health check", options=HEALTH_CHECKS, default="TCP"),
    Int("health_check_interval", "Check every (s)", hint="1..300", default=40),
    Text("health_check_path", "Check URL path", hint="/health", when=http),
    Text("health_check_parse", "Expected (regex)", hint="a regular expression", when=http),
    Bool("persistence", "Persistence", hint="keep a client on one server"),
    Int("persistence_time", "Persistence (s)", hint="30..1200", default=1200,
        when=lambda v: bool(v.get("persistence"))),
    Choice("method", "Method", options=LB_METHODS, default="ROUND_ROBIN"),
)

RULES = Group(
    "rules", "Rules", min_rows=1, add_label="Add rule",
    default=[{"protocol": "TCP", "source": "0.0.0.0"}],
    fields=(Choice("protocol", "Protocol", options=LB_PROTOCOLS, default="TCP", blank=False,
                   width=12),
            Int("port_balancer", "Balancer port", hint="1..65535"),
            Int("port_server", "Server port", hint="1..65535"),
            Text("source", "Source", hint="0.0.0.0 = any", default="0.0.0.0")))

RULE_OF = sub("lb-rules", lambda ctx: ctx.client.load_balancers.rules(ctx.item_id),
              lambda r: f"{r.get('protocol')} {r.get('port_balancer')} → "
                        f"{r.get('port_server')} from {r.get('source') or 'any'}")

CREATE = FormSpec(
    title="New load balancer", submit_label="Create",
    fields=(*SETTINGS,
            Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="optional"),
            RULES),
    build=model(LoadBalancer, rules=LoadBalancerRule),
    call=lambda v, item, req: v.ctx.client.load_balancers.create(req), follow=follow_result())


def _settings(ctx: Ctx) -> dict[str, Any]:
    item = ctx.item or {}
    keys = ("name", "description", "health_check_test", "health_check_interval",
            "health_check_path", "persistence", "persistence_time", "method")
    return {**{k: item.get(k) for k in keys},
            "health_check_parse": item.get("health_check_path_parser")
            or item.get("health_check_parse")}


register(
    "load_balancers",
    Action("new", "New load balancer", CREATE, kind="new", needs_item=False),
    edit_action(model(LoadBalancerUpdate),
                lambda v, item, req: v.ctx.client.load_balancers.modify(item_id(item), req),
                fields=SETTINGS, initial=_settings),
    form_action(
        "add_rules", "Add rules", (RULES,),
        lambda v, item, req: v.ctx.client.load_balancers.add_rules(item_id(item), req),
        build=model(LoadBalancerRules, rules=LoadBalancerRule), submit_label="Add"),
    form_action(
        "remove_rule", "Remove a rule", (Picker("rule_id", "Rule", source=RULE_OF),),
        lambda v, item, req: v.ctx.client.load_balancers.remove_rule(
            item_id(item), v.text("rule_id")),
        danger=True, submit_label="Remove"),
    form_action(
        "attach_ips", "Attach server IPs",
        (Group("server_ips", "Server IPs", min_rows=1, add_label="Add IP",
               fields=(Picker("id", "Server — IP", source=SERVER_IPS),)),),
        lambda v, item, req: v.ctx.client.load_balancers.attach_ips(
            item_id(item), ids(v, "server_ips", "id")),
        submit_label="Attach"),
    form_action(
        "remove_ip", "Remove a server IP",
        (Picker("server_ip_id", "Server — IP", source=attached_ips("load_balancers")),),
        lambda v, item, req: v.ctx.client.load_balancers.remove_ip(
            item_id(item), v.text("server_ip_id")),
        danger=True, submit_label="Remove"),
    delete_action(),
)
