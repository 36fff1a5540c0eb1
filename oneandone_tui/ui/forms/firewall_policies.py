"""Firewall policies: create with rules, add and remove rules, protect server IPs (picked as
"server — ip") and release them, modify, delete."""

from __future__ import annotations

from ...api.models import (
    FirewallPolicy,
    FirewallPolicyRule,
    FirewallPolicyRules,
    FirewallPolicyUpdate,
)
from ...api.models.network import FIREWALL_PROTOCOLS
from .common import DESCRIPTION, NAME, delete_action, edit_action, form_action, ids, item_id
from .fields import Choice, Group, Int, Picker, Text
from .registry import register
from .sources import SERVER_IPS, attached_ips, sub
from .spec import Action, FormSpec, follow_result, model

RULES = Group(
    "rules", "Rules", min_rows=1, add_label="Add rule",
    default=[{"protocol": "TCP", "source": "0.0.0.0", "action": "allow"}],
    fields=(Choice("protocol", "Protocol", options=FIREWALL_PROTOCOLS, default="TCP",
                   blank=False, width=11),
            Int("port_from", "From", hint="1..65535", width=9),
            Int("port_to", "To", hint="1..65535", width=9),
            Text("source", "Source", hint="0.0.0.0 = any", default="0.0.0.0", width=16),
            Choice("action", "Action", options=("allow", "deny"), default="allow", width=9),
            Text("description", "Description")))

IP_ROWS = Group("server_ips", "Server IPs", min_rows=1, add_label="Add IP",
                fields=(Picker("id", "Server — IP", source=SERVER_IPS),))

RULE_OF = sub("fw-rules", lambda ctx: ctx.client.firewall_policies.rules(ctx.item_id),
              lambda r: f"{r.get('protocol')} {r.get('port') or r.get('port_from') or 'any'}"
                        f" from {r.get('source') or 'any'}"
                        + (f" · {r['description']}" if r.get("description") else ""))

CREATE = FormSpec(
    title="New firewall policy", submit_label="Create", fields=(NAME, DESCRIPTION, RULES),
    build=model(FirewallPolicy, rules=FirewallPolicyRule),
    call=lambda v, item, req: v.ctx.client.firewall_policies.create(req),
    follow=follow_result())

register(
    "firewall_policies",
    Action("new", "New firewall policy", CREATE, kind="new", needs_item=False),
    edit_action(model(FirewallPolicyUpdate),
                lambda v, item, req: v.ctx.client.firewall_policies.modify(item_id(item), req)),
    form_action(
        "add_rules", "Add rules", (RULES,),
        lambda v, item, req: v.ctx.client.firewall_policies.add_rules(item_id(item), req),
        build=model(FirewallPolicyRules, rules=FirewallPolicyRule), submit_label="Add"),
    form_action(
        "remove_rule", "Remove a rule", (Picker("rule_id", "Rule", source=RULE_OF),),
        lambda v, item, req: v.ctx.client.firewall_policies.remove_rule(
            item_id(item), v.text("rule_id")),
        danger=True, submit_label="Remove"),
    form_action(
        "attach_ips", "Protect server IPs", (IP_ROWS,),
        lambda v, item, req: v.ctx.client.firewall_policies.attach_ips(
            item_id(item), ids(v, "server_ips", "id")),
        submit_label="Assign"),
    form_action(
        "remove_ip", "Release a server IP",
        (Picker("server_ip_id", "Server — IP", source=attached_ips("firewall_policies")),),
        lambda v, item, req: v.ctx.client.firewall_policies.remove_ip(
            item_id(item), v.text("server_ip_id")),
        danger=True, submit_label="Release"),
    delete_action(),
)
