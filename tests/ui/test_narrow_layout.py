"""Narrow tables: columns give way by priority (the least important shrink, then hide), the
rest keep their room; names are cut in the middle so that names differing at the end stay
apart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oneandone_tui.catalogue import category
from oneandone_tui.ui.rows import table_columns
from oneandone_tui.ui.screens.monitoring_center import COLUMNS as MC
from oneandone_tui.ui.widgets.resource_table import Column, _fit, layout_widths


def shown(cols, widths):
    return [c.key for c, w in zip(cols, widths, strict=True) if w]


def test_servers_at_80_keep_name_state_ips_whole():
    cols = table_columns(category("servers").columns)
    widths = dict(zip((c.key for c in cols), layout_widths(cols, 76), strict=True))
    assert widths["image"] == 0  # gives way first
    assert widths["name"] >= 18 and widths["state"] >= len("POWERING_OFF 40%")
    assert widths["ips"] >= len("82.165.201.221")
    wide = dict(zip((c.key for c in cols), layout_widths(cols, 116), strict=True))
    assert all(wide.values())  # at 120 columns, everything


def test_monitoring_center_at_80_keeps_ping_and_alerts():
    widths = layout_widths(list(MC), 76)
    assert shown(MC, widths) == ["name", "state", "cpu", "ram", "internal_ping", "alerts"]
    assert widths[0] >= len("worker-us-01")
    assert all(layout_widths(list(MC), 116))


def test_middle_cut_keeps_the_end():
    assert _fit("worker-us-frankfurt-01", 14, cut="middle") == "worker-…urt-01"
    assert _fit("worker-us-frankfurt-02", 14, cut="middle") != \
        _fit("worker-us-frankfurt-01", 14, cut="middle")
    assert _fit("short", 14, cut="middle") == "short" + " " * 9
    assert _fit("web-server-01", 8) == "web-ser…"


COLS = st.lists(st.builds(Column, key=st.text(min_size=1, max_size=3),
                          title=st.just("t"), width=st.integers(1, 30),
                          flex=st.integers(0, 3), priority=st.integers(0, 3)),
                min_size=1, max_size=9)


@settings(max_examples=150, deadline=None)
@given(cols=COLS, width=st.integers(0, 200))
def test_layout_fits_or_keeps_what_must_stay(cols, width):
    widths = layout_widths(cols, width)
    assert len(widths) == len(cols) and all(w >= 0 for w in widths)
    for c, w in zip(cols, widths, strict=True):
        if c.priority == 0:
            assert w > 0  # never hidden
    used = sum(w for w in widths if w) + sum(1 for w in widths if w)
    if used > width:  # too narrow: only what never hides is left, shrunk to its floor
        assert all(c.priority == 0 or not w for c, w in zip(cols, widths, strict=True))


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=40), width=st.integers(0, 30),
       cut=st.sampled_from(["end", "middle"]))
def test_fit_is_exactly_the_width(text, width, cut):
    from rich.cells import cell_len

    assert cell_len(_fit(text, width, cut=cut)) == max(0, width)
