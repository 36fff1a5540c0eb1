"""Private networks: create, modify, attach servers, remove a server, delete."""

from __future__ import annotations

from ...api.models import PrivateNetwork, PrivateNetworkUpdate
from .common import DESCRIPTION, NAME, delete_action, edit_action, form_action, ids, item_id
from .fields import Group, Picker, Text
from .registry import register
from .sources import DATACENTERS, SERVERS, attached_servers, same_datacenter
from .spec import Action, FormSpec, follow_result, model

NETWORK = (Text("network_address", "Network address", hint="e.g. 192.168.1.0"),
           Text("subnet_mask", "Subnet mask", hint="e.g. 255.255.255.0"))

CREATE = FormSpec(
    title="New private network", submit_label="Create",
    fields=(NAME, DESCRIPTION, *NETWORK,
            Picker("datacenter_id", "Datacenter", source=DATACENTERS, hint="the default one")),
    build=model(PrivateNetwork),
    call=lambda v, item, req: v.ctx.client.private_networks.create(req), follow=follow_result())

register(
    "private_networks",
    Action("new", "New private network", CREATE, kind="new", needs_item=False),
    edit_action(model(PrivateNetworkUpdate),
                lambda v, item, req: v.ctx.client.private_networks.modify(item_id(item), req),
                fields=(NAME, DESCRIPTION, *NETWORK),
                keys=("name", "description", "network_address", "subnet_mask")),
    form_action(
        "attach", "Attach servers",
        (Group("servers", "Servers", min_rows=1, add_label="Add server",
               fields=(Picker("server_id", "Server", source=SERVERS,
                              allow=same_datacenter(None)),)),),
        lambda v, item, req: v.ctx.client.private_networks.attach_servers(
            item_id(item), ids(v, "servers", "server_id")),
        submit_label="Attach"),
    form_action(
        "remove_server", "Remove a server",
        (Picker("server_id", "Server", source=attached_servers("private_networks")),),
        lambda v, item, req: v.ctx.client.private_networks.remove_server(
            item_id(item), v.text("server_id")),
        danger=True, submit_label="Remove",
        message=lambda ctx: "The server must be powered off."),
    delete_action(),
)
