"""The tree beside the table at 80 columns (issue 14): 24 cells leave a resource's name too
little room next to its state's word, so the state shows as a glyph in its colour (the right
pane says it in full) and long names are cut in the middle, so that names differing at the end
stay apart; at 120 columns the rows are as before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oneandone_tui.ui.widgets.tree import STATE_GLYPHS, cut_middle
from tests.ui.helpers import settle
from tests.ui.test_tree import at, open_tree, preview_text


def line_texts(tree) -> dict[str, str]:
    """The drawn text of every row on screen, by the row's label."""
    out = {}
    for y in range(tree.size.height):
        index = int(tree.scroll_offset.y) + y
        if index >= len(tree.flat):
            break
        label = tree._describe(tree.flat.row(index)[0])[0]
        out[label] = "".join(seg.text for seg in tree.render_line(y))
    return out


async def unfold_servers(pilot):
    tree = await open_tree(pilot)
    await at(pilot, tree, "Servers")
    await pilot.press("right")
    await settle(pilot)
    return tree


async def test_beside_the_table_a_state_is_a_glyph_and_names_stay_whole(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        tree = await unfold_servers(pilot)
        lines = line_texts(tree)
        assert "worker-us-01" in lines["worker-us-01"] and lines["worker-us-01"].rstrip() \
            .endswith(STATE_GLYPHS["state-good"])
        assert lines["worker-us-02"].rstrip().endswith(STATE_GLYPHS["state-off"])
        assert lines["ci-runner"].rstrip().endswith(STATE_GLYPHS["state-busy"])
        # The right pane says the state in full for the row under the cursor.
        await at(pilot, tree, "ci-runner")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "DEPLOYING" in preview_text(pilot.app)


async def test_at_120_columns_the_state_is_a_word(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        tree = await unfold_servers(pilot)
        lines = line_texts(tree)
        assert lines["worker-us-02"].rstrip().endswith("POWERED_OFF")
        assert lines["web-01"].rstrip().endswith("POWERED_ON")


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=30))
def test_a_cut_name_fits_and_keeps_both_ends(name, room):
    if len(name) <= room:
        return
    cut = cut_middle(name, room)
    assert len(cut) == room and "…" in cut
    if room >= 5:
        assert name.startswith(cut[:cut.index("…")]) and name.endswith(cut[cut.index("…") + 1:])


def test_names_differing_at_the_end_stay_apart():
    assert cut_middle("worker-us-01", 8) != cut_middle("worker-us-02", 8)
    assert cut_middle("worker-us-01", 8) == "work…-01"
