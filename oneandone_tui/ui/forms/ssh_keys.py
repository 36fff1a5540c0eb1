"""SSH keys: add (a public key, or none to have the API make a pair), modify, delete."""

from __future__ import annotations

from ...api.models import SshKey, SshKeyUpdate
from .common import DESCRIPTION, NAME, delete_action, edit_action, item_id
from .fields import Text
from .registry import register
from .spec import Action, FormSpec, follow_result, model

CREATE = FormSpec(
    title="New SSH key", submit_label="Add",
    fields=(NAME, DESCRIPTION,
            Text("public_key", "Public key", hint="ssh-ed25519 AAAA… or ssh-rsa AAAA…")),
    build=model(SshKey), call=lambda v, item, req: v.ctx.client.ssh_keys.create(req),
    follow=follow_result())

register(
    "ssh_keys",
    Action("new", "New SSH key", CREATE, kind="new", needs_item=False),
    edit_action(model(SshKeyUpdate),
                lambda v, item, req: v.ctx.client.ssh_keys.modify(item_id(item), req)),
    delete_action(),
)
