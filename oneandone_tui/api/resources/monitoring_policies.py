"""``client.monitoring_policies``: policies with thresholds, ports, processes and servers.
SDK helpers: ``get``, ``ports``, ``processes``, ``servers``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import (
    AttachServer,
    MonitoringPolicy,
    MonitoringPolicyUpdate,
    Port,
    Ports,
    Process,
    Processes,
)
from ._base import Json, JsonList, JsonObject, ManagedResource, endpoint, id_list

__all__ = ["MonitoringPolicies"]


class MonitoringPolicies(ManagedResource):
    collection = "/monitoring_policies"
    id_param = "monitoring_policy_id"

    @endpoint("POST", "/monitoring_policies")
    async def create(self, policy: MonitoringPolicy) -> JsonObject:
        return await self._call(self.create, body=policy)

    @endpoint("PUT", "/monitoring_policies/{monitoring_policy_id}")
    async def modify(self, monitoring_policy_id: str,
                     update: MonitoringPolicyUpdate) -> JsonObject:
        return await self._call(self.modify, body=update,
                                monitoring_policy_id=monitoring_policy_id)

    # -- ports ------------------------------------------------------------------------------------
    @endpoint("GET", "/monitoring_policies/{monitoring_policy_id}/ports")
    async def ports(self, monitoring_policy_id: str) -> JsonList:
        return await self._call(self.ports, monitoring_policy_id=monitoring_policy_id)

    @endpoint("POST", "/monitoring_policies/{monitoring_policy_id}/ports")
    async def add_ports(self, monitoring_policy_id: str,
                        ports: Sequence[Port] | Ports) -> JsonObject:
        body = ports if isinstance(ports, Ports) else Ports(list(ports))
        return await self._call(self.add_ports, body=body,
                                monitoring_policy_id=monitoring_policy_id)

    @endpoint("GET", "/monitoring_policies/{monitoring_policy_id}/ports/{port_id}")
    async def port(self, monitoring_policy_id: str, port_id: str) -> JsonObject:
        return await self._call(self.port, monitoring_policy_id=monitoring_policy_id,
                                port_id=port_id)

    @endpoint("PUT", "/monitoring_policies/{monitoring_policy_id}/ports/{port_id}")
    async def modify_port(self, monitoring_policy_id: str, port_id: str,
                          port: Port) -> JsonObject:
        """Change a port: its ``alert_if`` / ``email_notification`` and, if they differ from
        the stored ones, its protocol and port number (the Java and .NET live tests change the
        number and the API answers 202). The whole port is sent under ``ports``, as every SDK
        does."""
        body = {"ports": port.validate().to_body()}
        return await self._call(self.modify_port, body=body,
                                monitoring_policy_id=monitoring_policy_id, port_id=port_id)

    @endpoint("DELETE", "/monitoring_policies/{monitoring_policy_id}/ports/{port_id}")
    async def delete_port(self, monitoring_policy_id: str, port_id: str) -> JsonObject:
        return await self._call(self.delete_port, monitoring_policy_id=monitoring_policy_id,
                                port_id=port_id)

    # -- processes --------------------------------------------------------------------------------
    @endpoint("GET", "/monitoring_policies/{monitoring_policy_id}/processes")
    async def processes(self, monitoring_policy_id: str) -> JsonList:
        return await self._call(self.processes, monitoring_policy_id=monitoring_policy_id)

    @endpoint("POST", "/monitoring_policies/{monitoring_policy_id}/processes")
    async def add_processes(self, monitoring_policy_id: str,
                            processes: Sequence[Process] | Processes) -> Json:
        """The answer is the policy (Go, Java) or the list of processes (the SDK fixture)."""
        body = processes if isinstance(processes, Processes) else Processes(list(processes))
        return await self._call(self.add_processes, body=body,
                                monitoring_policy_id=monitoring_policy_id)

    @endpoint("GET", "/monitoring_policies/{monitoring_policy_id}/processes/{process_id}")
    async def process(self, monitoring_policy_id: str, process_id: str) -> JsonObject:
        return await self._call(self.process, monitoring_policy_id=monitoring_policy_id,
                                process_id=process_id)

    @endpoint("PUT", "/monitoring_policies/{monitoring_policy_id}/processes/{process_id}")
    async def modify_process(self, monitoring_policy_id: str, process_id: str,
                             process: Process) -> JsonObject:
        body = {"processes": process.validate().to_body()}
        return await self._call(self.modify_process, body=body,
                                monitoring_policy_id=monitoring_policy_id,
                                process_id=process_id)

    @endpoint("DELETE", "/monitoring_policies/{monitoring_policy_id}/processes/{process_id}")
    async def delete_process(self, monitoring_policy_id: str, process_id: str) -> JsonObject:
        return await self._call(self.delete_process, monitoring_policy_id=monitoring_policy_id,
                                process_id=process_id)

    # -- servers ----------------------------------------------------------------------------------
    @endpoint("GET", "/monitoring_policies/{monitoring_policy_id}/servers")
    async def servers(self, monitoring_policy_id: str) -> JsonList:
        return await self._call(self.servers, monitoring_policy_id=monitoring_policy_id)

    @endpoint("POST", "/monitoring_policies/{monitoring_policy_id}/servers")
    async def attach_servers(self, monitoring_policy_id: str,
                             servers: Iterable[str | AttachServer]) -> JsonObject:
        body = {"servers": id_list("servers", servers, "server_id")}
        return await self._call(self.attach_servers, body=body,
                                monitoring_policy_id=monitoring_policy_id)

    @endpoint("GET", "/monitoring_policies/{monitoring_policy_id}/servers/{server_id}")
    async def server(self, monitoring_policy_id: str, server_id: str) -> JsonObject:
        return await self._call(self.server, monitoring_policy_id=monitoring_policy_id,
                                server_id=server_id)

    @endpoint("DELETE", "/monitoring_policies/{monitoring_policy_id}/servers/{server_id}")
    async def detach_server(self, monitoring_policy_id: str, server_id: str) -> JsonObject:
        return await self._call(self.detach_server, monitoring_policy_id=monitoring_policy_id,
                                server_id=server_id)
