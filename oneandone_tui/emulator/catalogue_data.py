"""Read-only catalogues of the emulated API: datacenters, appliances, DVD ISOs, recovery images,
fixed instance sizes, baremetal models, importable OSes, permissions and prices.

Ids are the real ones where public sources show them (datacenters, centos7-64std, the M fixed
size); the others are stable hashes of the name, so they do not depend on the account's seed.
"""

from __future__ import annotations

import hashlib
from typing import Any

Record = dict[str, Any]


def stable_id(*parts: str) -> str:
    return hashlib.md5("/".join(parts).encode()).hexdigest().upper()


DATACENTERS: list[Record] = [
    {"id": "4EFAD5836CE43ACA502FD5B99BEE44EF", "country_code": "DE", "location": "Germany"},
    {"id": "5091F6D8CBFEF9C26ACE957C652D5D49", "country_code": "GB",
     "location": "United Kingdom of Great Britain and Northern Ireland"},
    {"id": "908DC2072407C94C8054610AD5A53B8C", "country_code": "US",
     "location": "United States of America"},
    {"id": "81DEF28500FBC2A973FC0C620DF5B721", "country_code": "ES", "location": "Spain"},
]
ALL_DCS = [dc["id"] for dc in DATACENTERS]

# name, os_family, os, os_version, os_image_type, min_hdd, licenses, categories
_APPLIANCES = [
    ("centos7-64std", "Linux", "CentOS", "CentOS 7", "Standard", 20, [], ["OS"]),
    ("centos7-64min", "Linux", "CentOS", "CentOS 7", "Minimal", 20, [], ["OS"]),
    ("centos8-64std", "Linux", "CentOS", "CentOS 8", "Standard", 20, [], ["OS"]),
    ("ubuntu1804-64std", "Linux", "Ubuntu", "Ubuntu 18.04", "Standard", 20, [], ["OS"]),
    ("ubuntu2004-64std", "Linux", "Ubuntu", "Ubuntu 20.04", "Standard", 20, [], ["OS"]),
    ("ubuntu2004-64min", "Linux", "Ubuntu", "Ubuntu 20.04", "Minimal", 20, [], ["OS"]),
    ("debian9-64std", "Linux", "Debian", "Debian 9", "Standard", 20, [], ["OS"]),
    ("debian10-64std", "Linux", "Debian", "Debian 10", "Standard", 20, [], ["OS"]),
    ("rhel7-64std", "Linux", "RedHat", "Red Hat Enterprise Linux 7", "Standard", 40,
     ["Red Hat Enterprise Linux"], ["OS"]),
    ("w2012r2datacenter64std", "Windows", "WindowsDatacenter", "Windows2012R2", "Standard",
     40, ["Windows 2012 Standard"], ["OS"]),
    ("w2016datacenter64std", "Windows", "WindowsDatacenter", "Windows2016", "Standard", 40,
     ["Windows 2016 Standard"], ["OS"]),
    ("w2019datacenter64std", "Windows", "WindowsDatacenter", "Windows2019", "Standard", 60,
     ["Windows 2019 Standard"], ["OS"]),
    ("w2016datacenter64std+SQL2016express", "Windows", "WindowsDatacenter", "Windows2016",
     "Standard", 60, ["Windows 2016 Standard", "SQL Server 2016 Express"], ["APPLICATION"]),
    ("ubuntu1804-64std+docker", "Linux", "Ubuntu", "Ubuntu 18.04", "Standard", 20, [],
     ["APPLICATION"]),
    ("wordpress-ubuntu2004", "Linux", "Ubuntu", "Ubuntu 20.04", "Standard", 20, [],
     ["APPLICATION"]),
    ("plesk-obsidian-centos7", "Linux", "CentOS", "CentOS 7", "Standard", 40,
     ["Plesk Web Admin Edition"], ["APPLICATION"]),
]
_REAL_APPLIANCE_IDS = {"centos7-64std": "B5F778B85C041347BCDCFC3172AB3F3C"}

SERVER_APPLIANCES: list[Record] = [
    {
        "id": _REAL_APPLIANCE_IDS.get(name) or stable_id("appliance", name),
        "name": name,
        "os_family": family,
        "os": os_,
        "os_version": version,
        "architecture": 64,
        "os_architecture": 64,
        "os_image_type": image_type,
        "type": "IMAGE",
        "min_hdd_size": min_hdd,
        "licenses": [{"name": lic} for lic in licenses],
        "categories": categories,
        "server_type_compatibility": ["cloud", "baremetal"] if family == "Linux" else ["cloud"],
        "version": None,
        "automatic_installation": True,
        "available_datacenters": ALL_DCS,
    }
    for name, family, os_, version, image_type, min_hdd, licenses, categories in _APPLIANCES
]

# name, os_family, os, os_version, type
_DVDS = [
    ("CentOS 7 - 64 bits", "Linux", "CentOS", "CentOS 7", "OS"),
    ("CentOS 8 - 64 bits", "Linux", "CentOS", "CentOS 8", "OS"),
    ("Debian 10 - 64 bits", "Linux", "Debian", "Debian 10", "OS"),
    ("Ubuntu 18.04 - 64 bits", "Linux", "Ubuntu", "Ubuntu 18.04", "OS"),
    ("Ubuntu 20.04 - 64 bits", "Linux", "Ubuntu", "Ubuntu 20.04", "OS"),
    ("FreeBSD 12 - 64 bits", "Others", "FreeBSD", "FreeBSD 12", "OS"),
    ("Windows 2016 - 64 bits", "Windows", "Windows", "Windows 2016", "OS"),
    ("Windows 2019 - 64 bits", "Windows", "Windows", "Windows 2019", "OS"),
    ("pfSense 2.4 - 64 bits", "Others", "pfSense", "pfSense 2.4", "APP"),
    ("GParted Live 1.1", "Linux", "Debian", "GParted 1.1", "APP"),
    ("SystemRescue 6.1", "Linux", "Arch", "SystemRescue 6", "APP"),
    ("Clonezilla Live 2.7", "Linux", "Debian", "Clonezilla 2.7", "APP"),
]
DVD_ISOS: list[Record] = [
    {
        "id": stable_id("dvd", name),
        "name": name,
        "os_family": family,
        "os": os_,
        "os_version": version,
        "architecture": 64,
        "os_architecture": 64,
        "type": kind,
        "available_datacenters": ALL_DCS,
    }
    for name, family, os_, version, kind in _DVDS
]

RECOVERY_APPLIANCES: list[Record] = [
    {
        "id": stable_id("recovery", name),
        "name": name,
        "available_datacenters": ALL_DCS,
        "os_family": family,
        "os": os_,
        "os_version": version,
        "architecture": 64,
    }
    for name, family, os_, version in [
        ("Linux 64-bit Rescue-System (debian/stable)", "Linux", "Debian", "Debian 10"),
        ("Linux 64-bit Rescue-System (debian/oldstable)", "Linux", "Debian", "Debian 9"),
        ("Windows 64-bit Rescue-System", "Windows", "Windows", "Windows 2016"),
    ]
]

# name, vcore, cores_per_processor, ram, main disk
_SIZES = [
    ("S", 1, 1, 0.5, 30),
    ("M", 1, 1, 1, 40),
    ("L", 2, 1, 2, 80),
    ("XL", 2, 1, 4, 120),
    ("XXL", 4, 1, 8, 160),
    ("3XL", 8, 1, 16, 240),
    ("4XL", 12, 1, 32, 360),
    ("5XL", 16, 1, 48, 500),
]
_REAL_SIZE_IDS = {"M": "65929629F35BBFBA63022008F773F3EB"}
FIXED_INSTANCE_SIZES: list[Record] = [
    {
        "id": _REAL_SIZE_IDS.get(name) or stable_id("size", name),
        "name": name,
        "hardware": {
            "vcore": vcore,
            "cores_per_processor": cpp,
            "ram": ram,
            "unit": "GB",
            "hdds": [{"size": disk, "unit": "GB", "is_main": True}],
        },
    }
    for name, vcore, cpp, ram, disk in _SIZES
]

BAREMETAL_MODELS: list[Record] = [
    {
        "id": stable_id("baremetal", name),
        "name": name,
        "hardware": {
            "cores": cores,
            "cores_per_processor": cpp,
            "ram": ram,
            "unit": "GB",
            "hdds": [{"size": disk, "unit": "GB", "is_main": True}],
        },
    }
    for name, cores, cpp, ram, disk in [
        ("BMC_L", 1, 4, 16, 480),
        ("BMC_XL", 1, 8, 32, 480),
        ("BMC_XXL", 2, 8, 64, 800),
        ("BMC_3XL", 2, 12, 128, 1600),
    ]
]

IMAGE_OS: list[Record] = [
    {"id": stable_id("imageos", name), "architecture": 64, "os": os_, "os_family": family,
     "os_version": name}
    for name, os_, family in [
        ("CentOS 7", "CentOS", "Linux"),
        ("Debian 10", "Debian", "Linux"),
        ("Ubuntu 20.04", "Ubuntu", "Linux"),
        ("Windows 2016", "WindowsDatacenter", "Windows"),
        ("Windows 2019", "WindowsDatacenter", "Windows"),
    ]
]

#: Permission groups and flags, snake_case as every current source spells them: the Go SDK's
#: ``roles.go`` JSON tags (HEAD), Java ``PermissionsResponse.java``/``ServersRoles.java``, .NET
#: ``RoleResponse.cs`` and the Ansible module's docs. Java and .NET spell the private-network
#: group ``private_network``; Go HEAD and the Ansible docs ``private_networks`` (chosen, see
#: docs/ENDPOINT_COVERAGE.md); the other spelling is accepted on input (``PERMISSION_ALIASES``).
PERMISSION_FLAGS: dict[str, list[str]] = {
    "backups": ["create", "delete", "show"],
    "firewall_policies": ["clone", "create", "delete", "manage_attached_server_ips",
                          "manage_rules", "set_description", "set_name", "show"],
    "images": ["create", "delete", "disable_automatic_creation", "set_description", "set_name",
               "show"],
    "interactive_invoices": ["show"],
    "public_ips": ["create", "delete", "release", "set_reverse_dns", "show"],
    "load_balancers": ["create", "delete", "manage_attached_server_ips", "manage_rules",
                       "modify", "set_description", "set_name", "show"],
    "logs": ["show"],
    "monitoring_center": ["show"],
    "monitoring_policies": ["clone", "create", "delete", "manage_attached_servers",
                            "manage_ports", "manage_processes", "modify_resources",
                            "set_description", "set_email", "set_name", "show"],
    "private_networks": ["create", "delete", "manage_attached_servers", "set_description",
                         "set_name", "set_network_info", "show"],
    "roles": ["clone", "create", "delete", "manage_users", "modify", "set_description",
              "set_name", "show"],
    "servers": ["access_kvm_console", "assign_ip", "clone", "create", "delete", "manage_dvd",
                "manage_snapshot", "reinstall", "resize", "restart", "set_description",
                "set_name", "show", "shutdown", "start"],
    "shared_storages": ["access", "create", "delete", "manage_attached_servers", "resize",
                        "set_description", "set_name", "show"],
    "usages": ["show"],
    "users": ["change_role", "create", "delete", "disable", "enable", "manage_api",
              "set_description", "set_email", "set_password", "show"],
    "vpn": ["create", "delete", "download_file", "set_description", "set_name", "show"],
}

#: Other spellings clients send, mapped to the names above. Groups: the Python SDK 1.8.0's
#: ``modify_permissions`` body keys (``sharedstorages``, ``firewalls``, ``privatenetwork``...,
#: which are also the Go SDK's earlier JSON tags, commit 14d4231) and Java/.NET's
#: ``private_network``. Flags: the Go SDK's earlier tags (``setname``, ``accesskvmconsole``,
#: ``manageattachedserverip``...), which Python SDK users may still pass through.
PERMISSION_GROUP_ALIASES: dict[str, str] = {
    "firewalls": "firewall_policies", "interactiveinvoice": "interactive_invoices",
    "ips": "public_ips", "loadbalancers": "load_balancers",
    "monitoringcenter": "monitoring_center", "monitoringpolicies": "monitoring_policies",
    "privatenetwork": "private_networks", "private_network": "private_networks",
    "sharedstorages": "shared_storages",
}
PERMISSION_FLAG_ALIASES: dict[str, str] = {
    "accesskvmconsole": "access_kvm_console", "assignip": "assign_ip",
    "changerole": "change_role", "disableautomaticcreation": "disable_automatic_creation",
    "downloadfile": "download_file", "manageapi": "manage_api",
    "manageattachedserver": "manage_attached_servers",
    "manageattachedserverip": "manage_attached_server_ips", "managedvd": "manage_dvd",
    "manageport": "manage_ports", "manageprocess": "manage_processes",
    "managerule": "manage_rules", "managesnapshot": "manage_snapshot",
    "manageuser": "manage_users", "modifyresources": "modify_resources",
    "setdescription": "set_description", "setemail": "set_email", "setname": "set_name",
    "setnetworkinfo": "set_network_info", "setpassword": "set_password",
    "setreversedns": "set_reverse_dns",
}


def permissions(value: bool | None = None, *, read_only: bool = False) -> Record:
    """A full permissions object: all ``value``, or only ``show`` when ``read_only``."""
    return {
        group: {flag: (flag == "show") if read_only else bool(value) for flag in flags}
        for group, flags in PERMISSION_FLAGS.items()
    }


def _price(name: str, net: float, unit: str) -> Record:
    return {"name": name, "price_net": round(net, 4), "price_gross": round(net * 1.19, 4),
            "unit": unit}


PRICING: Record = {
    "currency": "EUR",
    "pricing_plans": {
        "image": _price("Image", 0.0013, "GB/hour"),
        "public_ips": [_price("IPv4", 0.0014, "hour"), _price("IPv6", 0.0, "hour")],
        "servers": {
            "fixed_servers": [
                _price(f"Flex {size['name']}", 0.003 * (1 + i) * (1.6 ** i) / 1.6, "hour")
                for i, size in enumerate(FIXED_INSTANCE_SIZES)
            ],
            "flexible_server": [
                _price("vCore", 0.0069, "hour"),
                _price("RAM", 0.0069, "GB/hour"),
                _price("SSD", 0.00014, "GB/hour"),
            ],
        },
        "shared_storage": _price("Shared Storage", 0.00021, "GB/hour"),
        "software_licences": [
            _price("Windows Server 2016 Standard", 0.0126, "hour"),
            _price("Windows Server 2019 Standard", 0.0126, "hour"),
            _price("SQL Server 2016 Express", 0.0, "hour"),
            _price("Red Hat Enterprise Linux", 0.0219, "hour"),
            _price("Plesk Web Admin Edition", 0.0124, "hour"),
        ],
    },
}
