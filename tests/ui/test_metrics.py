"""The pure parts behind the monitoring, usages and dashboard screens: reading the monitoring
center's status texts (the API's own wording, from its recorded fixtures), levels against
thresholds, sparklines, usage totals and the cost estimate."""

from __future__ import annotations

import pytest

from oneandone_tui.ui import accounting, metrics
from oneandone_tui.ui.widgets.chart import tick_labels
from oneandone_tui.ui.widgets.sparkline import buckets, sparkline

# Texts as list-monitoring-center-usages.json records them.
FIXTURE = {
    "cpu": "CPU usage: OK - CPU_Total 0% used: CPU0 0% used",
    "ram": "RAM usage: OK 789MB (39%) used",
    "disk": "Disk usage: OK C: 12.04GB (30%) used",
    "transfer": "Network traffic: OK - 120 Kbps received: 30 Kbps transmitted:",
    "internal_ping": "OK - 10.4.141.242: rta 0.671ms, lost 0%",
}


@pytest.mark.parametrize("metric,value", [("cpu", 0.0), ("ram", 39.0), ("disk", 30.0),
                                          ("transfer", 150.0), ("internal_ping", 0.671)])
def test_values_from_the_apis_status_texts(metric, value):
    assert metrics.status_value(metric, FIXTURE[metric]) == value
    assert metrics.status_level(FIXTURE[metric]) == "OK"


def test_levels():
    assert metrics.status_level("CPU usage: CRITICAL - CPU_Total 97% used") == "CRITICAL"
    assert metrics.status_value("internal_ping", "OK - 10.1.1.1: server is powered off") is None
    assert metrics.level(79.9, 80, 95) == "OK"
    assert metrics.level(80, 80, 95) == "WARNING"
    assert metrics.level(95, 80, 95) == "CRITICAL"
    assert metrics.level(None, 80, 95) is None


def test_sparklines_keep_spikes_and_share_a_scale():
    assert buckets([1, 9, 1, 1, 1, 1], 3) == [9, 1, 1]
    assert sparkline([0, 50, 100], 3, hi=100) == "▁▅█"
    assert sparkline([10, 10], 2, hi=100) == "▂▂"  # 10% is low on a 0..100 scale
    assert sparkline([], 8) == ""


def test_tick_labels_by_span():
    day = [f"2026-11-20T{h:02d}:00:00Z" for h in range(24)]
    xs, labels = tick_labels(day)
    assert xs[0] == 0 and xs[-1] == 23 and labels[0] == "00:00"
    month = [f"2026-10-{d:02d}T00:00:00Z" for d in range(1, 31)]
    assert tick_labels(month)[1][0] == "10-01"


USAGES = {
    "SERVERS": [{"id": "S1", "name": "a", "services": [
        {"type": "CPU", "avg_amount": "2.00", "unit": "vCore", "usage": 600},
        {"type": "RAM", "avg_amount": "4.00", "unit": "GB", "usage": 600},
        {"type": "IP", "name": "1.2.3.4", "avg_amount": "1.00", "unit": "IP", "usage": 600}]}],
    "IMAGES": [{"id": "I1", "name": "img", "services": [
        {"type": "size", "avg_amount": "40.00", "unit": "GB", "usage": 60}]}],
    "LOAD_BALANCERS": [{"id": "L1", "name": "lb", "services": [
        {"type": "LOAD_BALANCER", "avg_amount": "1.00", "unit": "LB", "usage": 60}]}],
}
PRICING = {"currency": "EUR", "pricing_plans": {
    "image": {"name": "Image", "price_net": 0.001, "unit": "GB/hour"},
    "public_ips": [{"name": "IPv4", "price_net": 0.01, "unit": "hour"}],
    "servers": {"flexible_server": [{"name": "vCore", "price_net": 0.1, "unit": "hour"},
                                    {"name": "RAM", "price_net": 0.05, "unit": "GB/hour"}]}}}


def test_usage_totals():
    servers, _images, _lbs, everything = accounting.totals(USAGES)
    assert (servers.resources, servers.lines, servers.minutes) == (1, 3, 1800)
    assert servers.by_service[("CPU", "vCore")] == 20.0  # 2 vCores for 10 hours
    assert servers.units_text() == "CPU 20 vCore·h · IP 10 IP·h · RAM 40 GB·h"
    assert (everything.group, everything.resources, everything.lines) == ("ALL", 3, 5)
    assert everything.minutes == 1920


def test_cost_estimate():
    est = accounting.estimate(USAGES, PRICING)
    # 20 vCore·h at 0.1, 40 GB·h RAM at 0.05, 10 IP·h at 0.01, 40 GB·h of image at 0.001
    assert est.net == pytest.approx(2.0 + 2.0 + 0.1 + 0.04)
    assert est.unpriced == ["LOAD_BALANCER"]
    assert est.by_group["SERVERS"] == pytest.approx(4.1)
    assert ("vCore", 0.1, "hour") in est.prices
