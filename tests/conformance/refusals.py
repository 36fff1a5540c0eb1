"""The audit of every refusal the emulator makes and every transitional state it enters, with
the source of each rule or, where no source states it, the reason it is kept (DESIGN.md §9.5:
no refusal without a source). ``coverage.render`` appends it to docs/ENDPOINT_COVERAGE.md; the
test suite checks that every handler module that refuses anything is named here.

Abbreviations follow ENDPOINTS.md §0 (PY, GO, JAVA, NET, TF, ANS; "§8" = its endpoint tables,
whose field notes quote the .NET request docs, Terraform and the SDKs' own checks). A basis
starting "Choice:" is a rule no source states, kept on purpose with the reason given.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    status: str
    where: str  #: emulator module(s), relative to oneandone_tui/emulator/
    endpoints: str
    rule: str
    basis: str


R = Refusal
REFUSALS: tuple[Refusal, ...] = (
    # -- every endpoint ---------------------------------------------------------------------------
    R("401", "core.py", "every endpoint but /ping", "no X-TOKEN, or an unknown one",
      "Source: PY docs and GO ping.go (/ping_auth answers PONG only for a valid token), §1."),
    R("401", "core.py", "every endpoint but /ping",
      "the token of a DISABLED user, or of a user whose API access is off",
      "Choice: what `state: DISABLE` (PY modify_user, NET UserState) and `api.active: false` "
      "(PY modify_user_api) are for; no source shows the status, so it is the invalid-token one."),
    R("429", "faults.py", "every endpoint",
      "only when a rate-limit fault is injected (--rate-limit-rate, or a `rate_limit` fault "
      "through the control endpoint)",
      "Source: GO restclient.go (429 + X-Rate-Limit-Reset), §4. Never on its own."),
    R("404", "routes.py, core.py", "unknown paths", "no such endpoint (JSON body)",
      "Not a valid path. The body is JSON because GO only builds an ApiError from JSON (§4)."),
    R("405", "routes.py", "known paths", "a method the path does not have",
      "Choice: no SDK sends one; the answer names the allowed methods."),
    R("400", "jsonbody.py, http.py, core.py", "every endpoint with a body",
      "bytes that are not UTF-8; NaN/Infinity; a float that overflows; a string or key with a "
      "lone UTF-16 surrogate",
      "Source: RFC 8259 §8.1 (JSON exchanged between systems is UTF-8) and §6 (NaN and "
      "Infinity are not JSON); a lone surrogate is not Unicode text and could not be sent back."),
    R("400", "jsonbody.py", "every endpoint with a body", "an integer beyond 64 bits",
      "Choice: GO decodes numbers into int, JAVA into Integer/Long, NET into int/long: no "
      "client can send or read one; storing it would break every later answer."),
    R("400", "jsonbody.py, http.py", "every endpoint with a body",
      "nesting deeper than 32 levels, or a body over 1 MiB",
      "Choice: the deepest documented body (a server's hardware.hdds[]) has 3 levels and the "
      "largest is ~1 KB; without a bound a single request could exhaust the emulator."),
    R("400", "http.py", "every endpoint (loopback HTTP only)",
      "an unreadable Content-Length (not a number, negative, conflicting), a malformed chunked "
      "body, an HTTP/0.9 request line",
      "Source: RFC 9112 §6.3 (an invalid Content-Length is unrecoverable: 400 and close)."),
    R("400", "routes.py", "every endpoint with a body", "body is not JSON, or not an object",
      "Choice: nothing can be read from it; every SDK sends a JSON object (§1)."),
    R("400", "routes.py", "DELETE /servers/{id} (keep_ips, keep_hdds)",
      "a boolean query parameter that is not true/false/1/0/yes/no",
      "Source: PY sends True/False (§1, 'How PY serialises'); other words cannot be read."),
    R("404", "store.py and every handler", "every path with an id",
      "unknown id, or a resource already gone",
      "Source: GO WaitUntilDeleted and PY wait_deleted poll until 404 (§4); "
      "FOG's mock wording."),
    R("404", "servers.py, server_parts.py, firewall_policies.py, load_balancers.py, "
      "monitoring_policies.py, private_networks.py, shared_storages.py, roles.py, users.py, "
      "logs.py, catalogues.py",
      "sub-resource paths (hdds, snapshots, ips, rules, ports, processes, servers, users, "
      "allowed IPs...)", "the child id does not belong to that parent",
      "Source: the same 404 for what is not there (§4); answering another parent's child would "
      "be a lie."),
    R("404", "servers.py, server_parts.py, block_storages.py",
      "GET /servers/{id}/image, /servers/{id}/dvd, /servers/{id}/ips/{ip}/firewall_policy, "
      "/block_storages/{id}/server", "nothing is there (no image, DVD, policy, server)",
      "Choice: no source shows the empty answer; an empty object would read as a nameless DVD "
      "or policy. The parent's own field (`dvd`, `firewall_policy`, `server`) is null."),
    R("400", "listing.py", "every list endpoint", "page/per_page not a positive integer",
      "Source: GO makeParameterMap (integers), PY docs (int). Choice: 0 and negatives."),
    R("400", "listing.py", "every list endpoint", "sort with no field, or a field no item has",
      "Source: GO's error text ('e.g. name or -name'). Choice for an unknown field: an "
      "unsorted list that looks sorted would mislead."),
    R("400", "periods.py", "/logs, /usages, /monitoring_center/{id}",
      "period not LAST_HOUR..LAST_365D/CUSTOM; CUSTOM without start_date/end_date",
      "Source: §1 'Period parameters', PY raises ValueError for CUSTOM without dates."),
    R("400", "periods.py", "/logs, /usages, /monitoring_center/{id}",
      "a date that is not RFC 3339 (e.g. PY docs' 2015-19-05), start_date not before end_date",
      "Source: GO sends RFC 3339 and rejects start > end. Choice: equal dates (empty window)."),
    R("400", "periods.py", "/logs, /usages, /monitoring_center/{id}",
      "a CUSTOM window longer than 365 days",
      "Choice: LAST_365D is the longest period any source names; the emulator keeps no older "
      "data. (An end_date in the future is no longer refused: it reads as now.)"),
    # -- every body -------------------------------------------------------------------------------
    R("400", "validate.py (all handlers)", "every POST/PUT",
      "a field of the wrong JSON type (text for a number, a list for an object...)",
      "Choice: it cannot be stored; GO structs and .NET POCOs send typed values. null always "
      "means 'not given' (PY sends every key, §1)."),
    R("400", "all create handlers", "every POST that creates",
      "a required field missing (name everywhere; servers: hardware, appliance_id; images: "
      "frequency, num_images, server_id for source=server, url for image/iso, type for iso; "
      "shared and block storages: size; LB: method, rules; MP: agent, thresholds, ports, "
      "processes; users: password; lists of ids: at least one)",
      "Source: §8 (`*` = the SDK's own check, GO non-optional fields, .NET docs; image "
      "server_id only for source=server: TF docs)."),
    R("400", "all handlers", "every name", "name longer than 128 characters, or blank",
      "Source: .NET docs maxLength 128 (§8). Choice: blank."),
    R("400", "all modify handlers",
      "PUT of servers, hardware, images, storages, FP, LB, PN, MP, ports, processes, users, "
      "roles, permissions, VPNs, SSH keys, block storages",
      "nothing to change (every field absent or null)",
      "Choice: an empty change is a client mistake the caller should hear about (the client's "
      "own request objects refuse it too); no source shows the API's answer."),
    # -- servers -----------------------------------------------------------------------------------
    R("400", "server_rules.py, server_create.py", "POST /servers, PUT /servers/{id}/hardware",
      "vcore 1..16, cores_per_processor 1..16 dividing vcore, ram 1..128 in steps of 0.5",
      "Source: §8 (.NET docs) for the ranges. Choice: cores per processor must divide vcore "
      "(a vCPU count that is not whole processors cannot be built)."),
    R("400", "server_rules.py, server_create.py", "POST /servers, POST/PUT .../hardware/hdds",
      "disk 20..2000 GB in steps of 20; exactly one main disk; added disks not main",
      "Source: §8 (.NET docs, PY Hdd). Choice: one main disk (the server shape has one is_main)."),
    R("400", "server_rules.py, server_create.py", "POST /servers, PUT /servers/{id}/image",
      "appliance/image unknown, not available in the datacenter, or main disk below its "
      "min_hdd_size",
      "Source: §8 ('its location must match datacenter_id'); min_hdd_size of the appliance "
      "fixtures."),
    R("400", "server_rules.py, server_create.py", "POST /servers, PUT /servers/{id}/hardware",
      "fixed_instance_size_id unknown, or given with vcore/ram/cores or a main disk",
      "Choice: a fixed size defines them; two answers to one question."),
    R("400", "validate.py", "POST /servers, PUT /servers/{id}/image, POST/PUT /users",
      "password 8..64 characters with an upper-case letter and a digit",
      "Source: .NET docs (8..64, upper case, digits, special symbols). The special symbol is "
      "not demanded: the SDKs' own examples use Secret123."),
    R("400", "server_create.py", "POST /servers",
      "public_key not an SSH key id or list of ids, or an unknown one; hostname > 63",
      "Source: PY README (one id) and GO (list) — both accepted. Choice: unknown ids; 63 is "
      "the DNS label limit."),
    R("409", "server_create.py", "POST /servers", "ip_id already assigned or being released",
      "Choice: an address has one owner (§6)."),
    R("400", "servers.py, server_parts.py, shared_storages.py, block_storages.py",
      "POST /servers (private_network_id, ip_id), private network and storage attachments",
      "a private network, public IP, shared or block storage in another datacenter",
      "Choice: addresses, layer-2 networks and disks live in one datacenter. Removed for load "
      "balancers: no source has the rule and GO TestAssignServerIpLoadBalancer contradicts it."),
    R("409", "common.py (servers.py, server_parts.py, images.py, storages, networks)",
      "every server operation", "the server is DEPLOYING, POWERING_*, REBOOTING, CONFIGURING "
      "or REMOVING",
      "Choice: one operation at a time per server; every SDK's live tests, TF and ANS wait for "
      "the previous one to settle (GO WaitForState between steps) before the next."),
    R("409", "servers.py", "PUT /servers/{id}/hardware",
      "decreasing vcore or ram, or changing cores_per_processor, while powered on",
      "Source: PY raises ValueError on a hot decrease (§4). Choice: cores per processor."),
    R("400", "servers.py", "PUT /servers/{id}/hardware/hdds/{hdd}, DELETE main disk",
      "a disk shrinks; the main disk is removed",
      "Source: §8 ('can never decrease', PY checks it). Choice: the main disk holds the OS."),
    R("409", "servers.py", "POST .../hardware/hdds", "disks of a baremetal server",
      "Choice: baremetal models come with fixed disks (list-baremetal-models.json)."),
    R("—", "servers.py, server_parts.py", "POST .../hardware/hdds, POST /servers/{id}/ips",
      "at most 8 disks, at most 20 IPs",
      "Removed: no source states either limit."),
    R("400", "servers.py", "PUT /servers/{id}/status/action",
      "action not POWER_ON/POWER_OFF/REBOOT, method not SOFTWARE/HARDWARE, recovery_mode "
      "without REBOOT or without recovery_image_id",
      "Source: PY ValueError on action/method (§4), §8 recovery_image_id."),
    R("409", "servers.py", "PUT /servers/{id}/status/action",
      "POWER_ON when on, POWER_OFF when off, REBOOT when off",
      "Choice: nothing would happen, and a client waiting for POWERING_ON would wait forever."),
    R("409", "servers.py", "POST /servers/{id}/snapshots", "the server already has a snapshot",
      "Choice: the server object's `snapshot` holds one (§7); delete it first."),
    R("400/409", "servers.py", "PUT/DELETE /servers/{id}/dvd",
      "unknown DVD id; eject with no DVD",
      "Choice: nothing to load or eject."),
    R("409", "server_parts.py", "DELETE /servers/{id}/ips/{ip}/firewall_policy (legacy)",
      "the IP has no policy", "Choice: nothing to remove."),
    R("409", "server_parts.py, firewall_policies.py, load_balancers.py",
      "IP/LB/FP assignments", "the IP is already on that load balancer or policy",
      "Choice: an assignment exists once; the answer says so instead of doubling it."),
    R("409/400", "server_parts.py, private_networks.py",
      "POST /servers/{id}/private_networks, POST /private_networks/{id}/servers",
      "a server with a snapshot joins; a member joins again",
      "Source: PY docs/reference.md ('servers with a snapshot cannot be attached'). Choice: "
      "joining twice."),
    R("409", "server_parts.py, private_networks.py", "DELETE .../private_networks/...",
      "leaving while powered on or with a snapshot",
      "Source: PY docs/reference.md ('Server must be powered off and have no snapshot')."),
    # -- images ------------------------------------------------------------------------------------
    R("400", "images.py", "POST /images",
      "frequency not ONCE/DAILY/WEEKLY, num_images outside 1..50, source not "
      "server/image/iso, url not http(s)/ftp",
      "Source: §8 (PY check, .NET docs). Choice: the URL scheme."),
    R("400", "images.py", "PUT /images/{id}", "frequency changed to anything but ONCE",
      "Source: PY docs/reference.md ('can only be changed to ONCE')."),
    R("409", "images.py", "DELETE /images/{id}", "the image is still DEPLOYING",
      "Choice: the emulator cannot cancel a copy in progress; GO and TF delete only after "
      "ENABLED."),
    # -- shared storages ---------------------------------------------------------------------------
    R("400", "shared_storages.py", "POST/PUT /shared_storages",
      "size not a multiple of 50 GB; a storage shrinks",
      "Source: §8 (multiple of 50). Choice: shrinking (data would be lost). The former 2000 GB "
      "upper bound is removed (no source)."),
    R("409", "shared_storages.py", "PUT /shared_storages/{id}", "resize while CONFIGURING",
      "Choice: one resize at a time."),
    R("400/409", "shared_storages.py", "POST /shared_storages/{id}/servers",
      "rights not R/RW; a server listed twice; already attached; the server busy",
      "Source: PY AttachServer(rights=R|RW), NET enum. Choice: the others."),
    R("400", "shared_storages.py", "PUT /shared_storages/access", "password shorter than 8",
      "Source: PY's error text ('at least 8 characters'). Choice: at most 64."),
    # -- firewall policies -------------------------------------------------------------------------
    R("400", "firewall_policies.py", "POST /firewall_policies, POST .../rules",
      "protocol not TCP/UDP/TCP/UDP/ICMP/AH/ESP/GRE/IPSEC/ANY; ports 1..65535, port_to >= "
      "port_from; 'deny' only with ANY; source not an IP",
      "Source: §8 (union of SDK/TF docs; 'deny only with protocol ANY', PY docs). Choice: "
      "ports on portless protocols (ICMP, AH...) are refused."),
    R("409", "firewall_policies.py, load_balancers.py", "DELETE .../rules/{id}",
      "removing the last rule", "Choice: creation demands at least one (§8)."),
    R("409", "firewall_policies.py", "DELETE /firewall_policies/{id}",
      "a default policy, or one still used by a server IP",
      "Choice: the API documents no reassignment; nothing is moved silently."),
    # -- load balancers ----------------------------------------------------------------------------
    R("400", "load_balancers.py", "POST/PUT /load_balancers",
      "health_check_test not TCP/HTTP/NONE; HTTP without health_check_path; path > 1000, "
      "parser > 64 or not a regex, or health_check_parse and health_check_path_parser both "
      "given and different; persistence_time 30..1200, required with persistence; "
      "method not ROUND_ROBIN/LEAST_CONNECTIONS",
      "Source: §8 (NET/Node enums, .NET docs maxLength, PY ValueError on method). Choice: the "
      "parser must compile."),
    R("400", "load_balancers.py", "POST/PUT /load_balancers", "health_check_interval outside "
      "1..300",
      "Source: docs say 5..300, but JAVA LoadBalancersTest/ServerIPsTest and NET "
      "LoadBalancerTest/ServerIpsTest create with 1 and expect success: 1..4 are accepted."),
    R("400", "load_balancers.py", "POST /load_balancers, POST .../rules",
      "rule protocol not TCP/UDP; a second rule for the same protocol and balancer port",
      "Source: PY docs, JAVA/NET enums. Choice: one port cannot be balanced two ways."),
    R("—", "load_balancers.py, server_parts.py", "POST /load_balancers/{id}/server_ips, "
      "POST /servers/{id}/ips/{ip}/load_balancers, POST /load_balancers",
      "same-datacenter rule; a DE datacenter invented when datacenter_id is missing",
      "Removed: no source states either (GO TestAssignServerIpLoadBalancer creates both "
      "without a datacenter); such a load balancer answers `datacenter: null`."),
    # -- public IPs --------------------------------------------------------------------------------
    R("400", "public_ips.py", "POST /public_ips, PUT /public_ips/{id}",
      "type not IPV4/IPV6; reverse_dns not a host name",
      "Source: GO constants IPV4/IPV6 (PY allows only IPV4, §8). Choice: host-name syntax."),
    R("409", "public_ips.py", "PUT/DELETE /public_ips/{id}",
      "the IP is being released; deleting an IP still assigned",
      "Choice: remove it from its server or load balancer first; nothing is detached silently."),
    # -- private networks --------------------------------------------------------------------------
    R("400", "private_networks.py", "POST/PUT /private_networks",
      "network_address not a private (RFC 1918) network address, subnet_mask not /8../30, "
      "only one of the two given",
      "Source: §8 ('valid IP', 'valid mask for network_address'). Choice: RFC 1918 and the "
      "pair together."),
    R("409", "private_networks.py", "DELETE /private_networks/{id}", "servers still in it",
      "Choice: they must leave first, which needs them powered off (docs/reference.md)."),
    # -- monitoring policies -----------------------------------------------------------------------
    R("400", "monitoring_policies.py", "POST/PUT /monitoring_policies",
      "thresholds: unknown entity, cpu/ram/disk outside 1..100, transfer/ping not positive, "
      "warning not below critical; email not an address",
      "Source: §8 (TF 1..100; .NET warning 1..95, critical <= 100). Choice: warning < critical "
      "and the address syntax."),
    R("400", "monitoring_policies.py", "ports and processes (POST, PUT)",
      "protocol not TCP/UDP, port outside 1..65535, alert_if not RESPONDING/NOT_RESPONDING "
      "(RUNNING/NOT_RUNNING), process name empty or > 50",
      "Source: §8 (JAVA/NET enums, .NET maxLength 50)."),
    R("—", "monitoring_policies.py", "POST .../ports|processes, PUT .../ports|processes/{id}",
      "a port/process already monitored; changing port, protocol or process name",
      "Removed: JAVA CreateMonitoringPolicyPort adds TCP 97 twice; JAVA/NET "
      "UpdateMonitoringPolicyPort send port 23 for 22 and expect 202; NET "
      "UpdateMonitoringPolicyProcess renames. (PY docs say only alert_if/email may change: the "
      "live tests win.)"),
    R("409", "monitoring_policies.py", "DELETE /monitoring_policies/{id}",
      "the account's default policy", "Choice: servers fall back to it."),
    # -- users and roles ---------------------------------------------------------------------------
    R("409", "users.py, roles.py", "POST/PUT /users, /roles, POST /roles/{id}/clone",
      "a name already taken",
      "Choice: names identify users and roles in the panel and in ANS (by id or name)."),
    R("400", "users.py", "POST/PUT /users, POST /users/{id}/api/ips",
      "email not an address; state not ACTIVE/DISABLE; an allowed IP not an IP",
      "Source: PY ValueError on state, NET UserState, §8 (ips). Choice: e-mail syntax."),
    R("409", "users.py", "PUT/DELETE /users/{id}, PUT /users/{id}/api",
      "disabling, deleting or switching off the API of the caller's own user",
      "Choice: it would lock the caller out of the account with the same request."),
    R("400", "roles.py", "PUT /roles/{id}", "state not ACTIVE/DISABLE",
      "Source: ANS role_state ACTIVE/DISABLE, NET UserState. (DISABLE was refused before.)"),
    R("400", "roles.py", "PUT /roles/{id}/permissions",
      "an unknown permission group or flag, or a flag that is not a boolean",
      "Source: GO roles.go, JAVA PermissionsResponse/ServersRoles, NET RoleResponse.cs, ANS "
      "docs (snake_case names). Every other spelling an SDK sends is accepted: PY's group keys "
      "(sharedstorages, firewalls, privatenetwork...), JAVA/NET private_network, GO's earlier "
      "flag tags (setname, accesskvmconsole...). Choice: a name in no source is refused "
      "rather than silently ignored."),
    R("409", "roles.py", "PUT /roles/{id}/permissions, DELETE /roles/{id}",
      "the default (administrator) role; deleting a role that still has users",
      "Source (weak): JAVA RolePermissionsTest skips the 'admin' role. Choice: users first."),
    R("400", "roles.py", "POST /roles/{id}/users", "an unknown user id",
      "Choice: the body is wrong, not the path."),
    # -- VPNs, block storages, SSH keys ------------------------------------------------------------
    R("400/409", "block_storages.py", "POST/PUT /block_storages, POST/DELETE .../server",
      "size 20..500 in steps of 10 or shrinking; server and server_id name different servers; "
      "attach when attached, detach when not, or naming another server; delete while "
      "attached; any change while CONFIGURING",
      "Source: §8 (.NET docs, TF for the size; PY/GO `server`, NET `server_id`). Choice: the "
      "rest (one attachment, one operation at a time)."),
    R("400", "ssh_keys.py", "POST /ssh_keys", "public_key not an OpenSSH key",
      "Choice: a key that cannot be parsed cannot be installed on a server."),
    R("409", "common.py (every handler), vpns.py, public_ips.py, ssh_keys.py",
      "every change of a resource being removed (VPN config file included)",
      "the resource is REMOVING/DELETING",
      "Choice: it is going away; GO/PY then wait for the 404."),
)


@dataclass(frozen=True)
class Transition:
    resource: str
    operation: str
    states: str
    basis: str


T = Transition
TRANSITIONS: tuple[Transition, ...] = (
    T("server", "create, clone, reinstall", "DEPLOYING (percent) -> POWERED_ON, or POWERED_OFF "
      "with power_on false", "create-server.json, clone-server.json, reinstall-image.json; GO "
      "setup_server."),
    T("server", "power on / off / reboot", "POWERING_ON / POWERING_OFF / REBOOTING -> "
      "POWERED_ON / POWERED_OFF (ON_RECOVERY for a recovery reboot)",
      "change-server-status.json, GO servers_test.go, NET ServerState, PY good states."),
    T("server", "hardware, disks, DVD, snapshots", "CONFIGURING -> the previous power state",
      "add-hdd.json, load-dvd.json, create-snapshot.json, modify-server-hardware.json."),
    T("server", "IPs, firewall, load balancers, private networks", "none (stays POWERED_ON)",
      "add-firewall.json, add-lb.json, add-pn.json show POWERED_ON."),
    T("server", "delete", "REMOVING -> 404", "delete-server.json, GO WaitUntilDeleted."),
    T("image", "create", "DEPLOYING -> ENABLED (the demo's older images read ACTIVE)",
      "create-image.json; GO/TF/Packer wait for ENABLED; get-image.json shows ACTIVE."),
    T("firewall policy, load balancer", "create, modify, rules, server IPs",
      "CONFIGURING -> ACTIVE", "create-fp.json, create-lb.json, add-rule-*.json, TF/GO target."),
    T("private network", "create, new addressing, servers", "CONFIGURING -> ACTIVE",
      "create-pn.json, remove-server-pn.json (modify-pn.json's POWERED_ON is not used)."),
    T("shared storage", "create, resize, attach/detach", "CONFIGURING -> ACTIVE",
      "create-storage.json; detach-server-storage.json shows CREATING, which only fits a new "
      "storage (Choice)."),
    T("storage access", "change password", "CONFIGURING -> ACTIVE", "change-password.json."),
    T("public IP", "create; delete", "ACTIVE at once; CONFIGURING -> REMOVING -> 404",
      "create-public-ip.json, delete-public-ip.json, GO publicips_test.go."),
    T("monitoring policy", "create; changes", "ACTIVE at once; CONFIGURING -> ACTIVE",
      "create-mp.json, add-server-mp.json."),
    T("user", "create; modify, new key", "CREATING -> ACTIVE; CONFIGURING -> ACTIVE",
      "create-user.json, modify-user.json, change-api-key.json."),
    T("role", "create", "ACTIVE at once", "GO roles_test.go waits for ACTIVE; no fixture."),
    T("VPN", "create", "CONFIGURING -> ACTIVE", "GO vpns_test.go, TF."),
    T("block storage", "create, modify, attach, detach", "CONFIGURING -> POWERED_ON",
      "GO blockstorages_test.go and TF wait for POWERED_ON."),
    T("SSH key", "create; delete", "ACTIVE at once; DELETING -> 404",
      "create-ssh-key.json, delete-ssh-key.json (RUBY)."),
    T("everything else", "delete", "REMOVING -> 404", "delete-*.json fixtures, GO "
      "WaitUntilDeleted."),
)

#: Where the sources disagree: what the emulator does, and why.
CHOICES: tuple[tuple[str, str], ...] = (
    ("Block-storage status codes (POST 201/202, PUT 200/202, DELETE 200/202, attach 201/202, "
     "detach 200/202)",
     "The majority of GO/JAVA/NET/NODE, ties to GO (ENDPOINTS.md §5): POST 201, PUT 200 (the "
     "rename), DELETE 200, attach 201, detach 200. PY accepts any 2xx."),
    ("GET /servers/{id}/snapshots: list (PY fixture, JAVA, NET) or one object (GO)",
     "A list: three sources against one, and a client that expects an object fails loudly "
     "rather than misreading."),
    ("Image final state: ACTIVE (PY fixtures) or ENABLED (GO, TF, Packer, BOSH)",
     "ENABLED for new images: GO-based tools wait for it and fail otherwise; PY's wait_for "
     "accepts both. The demo's seeded images keep ACTIVE, as the fixtures show."),
    ("GET/PUT /shared_storages/access: list (GO, JAVA, NET) or object (PY fixtures)",
     "A list of one: the typed SDKs decode a list and ran against the API; PY passes the body "
     "through unread. The client turns either shape into a list."),
    ("Permission names: snake_case (GO HEAD, JAVA, NET, ANS) or run together (PY keys, GO's "
     "first tags); private_networks (GO HEAD, ANS) or private_network (JAVA, NET)",
     "Answers use GO HEAD's snake_case names with private_networks; every other spelling is "
     "accepted on input and mapped."),
    ("POST /private_networks/{id}/servers, POST /monitoring_policies/{id}/processes: list "
     "(PY fixtures) or the parent (GO, JAVA)",
     "The parent object, the pattern of every other sub-resource mutation."),
    ("PUT monitoring policy port/process: only alert_if/email may change (PY docs) or anything "
     "(JAVA/NET live tests)", "Anything: the live tests ran against the API and expected 202."),
    ("health_check_interval: 5..300 (docs) or 1 (JAVA/NET live tests)",
     "1..300, as the live tests show."),
    ("health_check_parse (PY) or health_check_path_parser (GO, NET, fixtures)",
     "Both read; answers spell health_check_path_parser; both given and different is a 400."),
    ("DELETE /users/{id}: 200 (GO) or 202 (JAVA, NET, PY mock)", "202, the majority."),
    ("public_key on POST /servers: one id (PY README) or a list (GO)", "Both accepted."),
    ("Password rules: special symbol required (.NET docs) or not (SDK examples 'Secret123')",
     "Not required: refusing the SDKs' own examples would fail real clients."),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_audit() -> list[str]:
    """The audit as Markdown lines for the coverage document."""
    lines = [
        "",
        "## Refusal audit",
        "",
        "Every refusal the emulator can answer (each 400, 401, 403, 404 on a valid path, 405, "
        "409 and 429) with its source, or the reason it is kept where no source states it "
        "(\"Choice\"); \"Removed\" rows are refusals this audit took out because no source "
        "backs them. The emulator answers no 403. Sources: ENDPOINTS.md §0 abbreviations; §8 "
        "= its endpoint tables. Generated from `tests/conformance/refusals.py`.",
        "",
        "| Status | Where (emulator/) | Endpoints | Rule | Source, or why it is kept |",
        "|---|---|---|---|---|",
    ]
    for r in REFUSALS:
        lines.append(f"| {r.status} | {_cell(r.where)} | {_cell(r.endpoints)} | "
                     f"{_cell(r.rule)} | {_cell(r.basis)} |")
    lines += ["", "### Transitional states", "",
              "| Resource | Operation | States | Source |", "|---|---|---|---|"]
    for t in TRANSITIONS:
        lines.append(f"| {_cell(t.resource)} | {_cell(t.operation)} | {_cell(t.states)} | "
                     f"{_cell(t.basis)} |")
    lines += ["", "### Where the sources disagree", ""]
    for what, choice in CHOICES:
        lines.append(f"- **{what}**: {choice}")
    return lines
