"""The explorer of the chapter "Stacking neurons" (eq. 2.3, Figure 2): mlp_lib.widgets.stacking
and its front end js/src/explorers/housing.js. The page's numbers (every node for the chosen
house, every prediction, the share of houses where each hidden unit is off, J) must be what
mlp_lib.housing_net computes, and every control must work, by keyboard and by pointer."""
import json
import random

import numpy as np
import pytest
import traitlets

from mlp_lib import housing_net
from mlp_lib.data import HOUSE_FEATURES, HOUSE_HIDDEN, HOUSE_THETA, four_feature_houses
from mlp_lib.losses import mean_squared_cost
from mlp_lib.widgets._explorer import mlp_to_page
from mlp_lib.widgets.stacking import (THETA_BIASES, THETA_EDGES, HousingExplorer, housing_explorer,
                                      theta_label, theta_name)
from explorer_page import (DESKTOP, PHONE, ROOT, no_nan, not_redrawn_in_the_event, open_explorer, page_fixture,
                           slider_changes_drawing,
                           small_text, svg_text)
from node_core import run_js
from test_links import fragment, link_verdicts, reachable_by_tab, set_slider, traitlet_verdicts

X, Y = four_feature_houses()
EXPLORER_JS = (ROOT / "mlp_lib" / "widgets" / "js" / "src" / "explorers" / "housing.js").as_uri()


def by_hand(t, X):
    """Eq. (2.3) written out, theta_1 = t[0], ..., theta_12 = t[11]."""
    x1, x2, x3, x4 = X.T
    a1 = np.maximum(t[0] * x1 + t[1] * x2 + t[2], 0)
    a2 = np.maximum(t[3] * x3 + t[4], 0)
    a3 = np.maximum(t[5] * x3 + t[6] * x4 + t[7], 0)
    h = t[8] * a1 + t[9] * a2 + t[10] * a3 + t[11]
    return np.column_stack([a1, a2, a3]), h


THETAS = [HOUSE_THETA, np.round(np.random.default_rng(1).uniform(-3, 3, 12), 1),
          np.round(np.random.default_rng(2).uniform(-3, 3, 12), 1)]
A2_OFF = HOUSE_THETA.copy()
A2_OFF[4] = -2.5  # theta_5: a_2 = ReLU(2 x_3 - 2.5) = 0 since x_3 <= 1
ALL_OFF = np.full(12, -3.0)


# ------------------------------------------------------------------- Python side
def test_theta_positions_match_eq_2_3():
    # W[1][j, i] feeds input x_{i+1} into a_{j+1}; W[2][0, j] is a_{j+1}'s weight in h
    assert THETA_EDGES == {(1, 0, 0): 1, (1, 0, 1): 2, (1, 1, 2): 4, (1, 2, 2): 6, (1, 2, 3): 7,
                           (2, 0, 0): 9, (2, 0, 1): 10, (2, 0, 2): 11}
    assert THETA_BIASES == {(1, 0): 3, (1, 1): 5, (1, 2): 8, (2, 0): 12}
    assert theta_name(12) == "θ₁₂"
    assert [theta_label(n) for n in (1, 3, 7, 10, 12)] == [
        "θ₁: x₁ → a₁", "θ₃: bias of a₁", "θ₇: x₄ → a₃", "θ₁₀: a₂ → h", "θ₁₂: bias of h"]


def test_explorer_builds_with_the_houses_and_the_theta_that_made_them():
    w = housing_explorer()
    assert isinstance(w, HousingExplorer)
    np.testing.assert_array_equal(w.X, X)
    np.testing.assert_array_equal(w.y, Y)
    assert w.theta == list(HOUSE_THETA) == w.theta_data and w.house == 0
    assert (w.features, w.hidden) == (list(HOUSE_FEATURES), list(HOUSE_HIDDEN))
    assert w.blank_net == mlp_to_page(housing_net(np.zeros(12)))
    assert [g["thetas"] for g in w.theta_groups] == [[1, 2, 3], [4, 5], [6, 7, 8], [9, 10, 11, 12]]
    assert [g["legend"] for g in w.theta_groups][0] == "a₁ family size"
    assert w.theta_labels[3] == "θ₄: x₃ → a₂"
    state = {k: v for k, v in w.get_state().items() if not k.startswith("_")}
    assert "theta_edges" in state and "NaN" not in json.dumps(state)  # what the saved notebook holds
    net = w.net()
    assert net.sizes == [4, 3, 1] and np.allclose(net(X), housing_net(HOUSE_THETA)(X))


@pytest.mark.parametrize("name, value, words", [
    ("theta", [1.0] * 11, "12 finite numbers"),
    ("theta", [1.0] * 11 + [float("nan")], "12 finite numbers"),
    ("theta", [1.0] * 11 + [float("inf")], "12 finite numbers"),
    ("theta", ["a"] * 12, "12 finite numbers"),
    ("theta", [3.5] + [1.0] * 11, r"theta must hold 12 numbers from -3 to 3 \(the sliders' range\), got theta_1 = 3\.5"),
    ("house", 200, "from 0 to 199, got 200"),
    ("house", -1, "from 0 to 199, got -1"),
])
def test_settings_are_validated_with_clear_messages(name, value, words):
    w = housing_explorer()
    with pytest.raises(traitlets.TraitError, match=words) as err:
        setattr(w, name, value)
    assert name in str(err.value)


def test_bad_data_is_refused():
    with pytest.raises(ValueError, match=r"shape \(n, 4\)"):
        housing_explorer(data=(X[:, :3], Y))
    with pytest.raises(ValueError, match="one price per house"):
        housing_explorer(data=(X, Y[:-1]))
    with pytest.raises(traitlets.TraitError, match="12 finite numbers"):
        housing_explorer(theta=HOUSE_THETA[:5])


def test_net_follows_the_traitlets():
    w = housing_explorer(house=3, data=(X[:50], Y[:50]))
    assert len(w.X) == 50 and w.house == 3
    for t in THETAS[1:] + [A2_OFF]:
        w.theta = list(t)
        net = w.net()
        A, h = by_hand(t, X)
        np.testing.assert_allclose(net.features(X), A, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(net(X), h, rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(w.theta_array(), t)
    w.theta = w.theta_data
    assert np.allclose(w.net()(X), housing_net(HOUSE_THETA)(X))


# ------------------------------------------------------------------- the page's mathematics, under node
def _page_state(theta, X=X, y=Y):
    w = housing_explorer()
    return run_js("""const page = await import(inputs.url);
        const net = page.housingNet(inputs.blank, inputs.theta, inputs.edges, inputs.biases);
        return { net: net.toJSON(), ...page.housingState(net, inputs.X, inputs.y) };""",
                  url=EXPLORER_JS, blank=w.blank_net, edges=w.theta_edges, biases=w.theta_biases,
                  theta=list(theta), X=X, y=y)


@pytest.mark.parametrize("t", THETAS + [A2_OFF, ALL_OFF, np.full(12, 3.0)])
def test_pages_network_and_numbers_are_housing_nets(t):
    page = _page_state(t)
    net = housing_net(t)
    assert page["net"] == mlp_to_page(net)  # the same W, b, entry by entry
    A = net.features(X)
    np.testing.assert_allclose(page["a"], A, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(page["h"], net(X), rtol=1e-9, atol=1e-12)
    assert page["J"] == pytest.approx(mean_squared_cost(net(X), Y), rel=1e-9)
    np.testing.assert_array_equal(page["off"], (A == 0).mean(axis=0))


# ------------------------------------------------------------------- the page, in chromium
def values(page):
    return json.loads(page.root.get_attribute("data-values"))


def check_values_are_mlp_libs(page):
    """What the page shows equals housing_net(theta) on the houses, to 1e-9."""
    v = values(page)
    net = housing_net(v["theta"])
    A, h = net.features(X), net(X)
    house = v["house"]
    assert v["theta"] == page.evaluate("window.explorerModel.get('theta')")
    assert house == page.evaluate("window.explorerModel.get('house')")
    np.testing.assert_array_equal(v["x"], X[house])
    np.testing.assert_allclose(v["a"], A[house], rtol=1e-9, atol=1e-12)
    assert v["h"] == pytest.approx(h[house], rel=1e-9, abs=1e-12) and v["y"] == Y[house]
    np.testing.assert_allclose(v["predictions"], h, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(v["off"], (A == 0).mean(axis=0))
    assert v["J"] == pytest.approx(mean_squared_cost(h, Y), rel=1e-9)
    return v


page = page_fixture(housing_explorer, "housing")


def _control(page, label):
    return page.get_by_label(label, exact=True)


LABELS = [theta_label(n) for n in range(1, 13)] + ["house #"]


def test_every_control_changes_the_drawing_by_keyboard_and_pointer(page):
    v = check_values_are_mlp_libs(page)
    assert v["theta"] == list(HOUSE_THETA) and v["house"] == 0
    for label in LABELS:
        slider_changes_drawing(page, _control(page, label), lambda: check_values_are_mlp_libs(page))
    before = svg_text(page)
    page.get_by_role("button", name="reset to the θ that made the data").click()
    assert svg_text(page) != before
    assert check_values_are_mlp_libs(page)["theta"] == list(HOUSE_THETA)


def test_sliders_follow_the_model_and_reach_their_ends(page):
    first = _control(page, theta_label(1))
    first.focus()
    first.press("End")
    v = check_values_are_mlp_libs(page)
    assert v["theta"][0] == 3.0 and v["theta"][1:] == list(HOUSE_THETA[1:])
    first.press("Home")
    assert check_values_are_mlp_libs(page)["theta"][0] == -3.0
    house = _control(page, "house #")
    house.focus()
    house.press("End")
    assert check_values_are_mlp_libs(page)["house"] == len(X) - 1
    assert f"house #{len(X) - 1}" in page.locator(".mlp-readout").inner_text()
    # a change from Python (the model) moves the slider and its number
    page.evaluate("window.explorerModel.set('theta', [0.2, 0.5, -1, 2, -0.5, -0.5, 1.5, -0.3, 1, 0.8, 1.2, 0.5])")
    assert first.input_value() == "0.2"
    assert page.locator("output", has_text="0.2").count() >= 1
    check_values_are_mlp_libs(page)


def test_diagram_shows_figure_2_with_the_chosen_houses_values(page):
    items = page.locator(".mlp-item")
    assert items.count() == 8 + 8  # the 8 edges of eq. (2.3) (only those of the mask), 4 + 3 + 1 nodes
    labels = [items.nth(i).get_attribute("aria-label") for i in range(items.count())]
    assert all(labels) and all(items.nth(i).get_attribute("tabindex") == "0" for i in range(items.count()))
    net = housing_net(HOUSE_THETA)
    off = (net.features(X) == 0).mean(axis=0)
    text = svg_text(page)
    for j, share in enumerate(off):
        assert f"off for {round(100 * share)}%" in text
    for name in HOUSE_HIDDEN:
        assert name in text
    assert "house #0" in page.locator("svg").first.get_attribute("aria-label")
    assert "J(θ) = " in text


def test_hovering_or_focusing_an_edge_or_a_node_shows_its_value(page):
    tip = page.locator(".mlp-tip")
    assert tip.is_hidden()
    page.keyboard.press("Tab")  # into the page; then Tab reaches every control, then the diagram
    edge = page.locator(".mlp-edge").first  # theta_1: x_1 -> a_1
    edge.focus()
    assert tip.is_visible() and tip.inner_text().startswith("θ₁ = 1.0: the weight from x₁")
    assert edge.get_attribute("aria-describedby") == tip.get_attribute("id")
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    last = page.locator(".mlp-edge").nth(7)  # theta_11: a_3 -> h
    last.hover()
    assert tip.is_visible() and tip.inner_text().startswith("θ₁₁ = 1.2: the weight from a₃")
    a1 = page.locator(".mlp-node").nth(4)
    a1.focus()
    a = housing_net(HOUSE_THETA).features(X)[0, 0]
    assert tip.inner_text().startswith("a₁ (family size) = ReLU(θ₁x₁ + θ₂x₂ + θ₃)")
    assert f"= {float(f'{a:.3g}'):g} for house #0" in tip.inner_text()
    # the tooltip follows a change made while it shows
    page.evaluate("window.explorerModel.set('house', 5)")
    assert "for house #5" in tip.inner_text()
    page.mouse.move(0, 0)
    page.locator(".mlp-button").focus()
    assert tip.is_hidden()


@pytest.mark.parametrize("theta, words", [
    (A2_OFF, "a₂ (walkable) is 0 for every house (its ReLU is off everywhere), so θ₁₀ changes no prediction"),
    (ALL_OFF, "Every hidden unit is 0 for every house, so every prediction is the bias θ₁₂ = -3.0"),
    ([1e300] * 12, "far outside the sliders' range"),
    ([-1e300] * 11 + [1e300], "far outside the sliders' range"),
])
def test_edge_states_are_said_in_words(page, theta, words):
    page.evaluate("t => window.explorerModel.set('theta', t)", list(map(float, theta)))
    assert words in page.locator(".mlp-message").inner_text()
    assert no_nan(page) == []
    if max(map(abs, theta)) <= 3:
        v = check_values_are_mlp_libs(page)
        assert "off for 100%" in svg_text(page) and 1.0 in v["off"]
    page.get_by_role("button", name="reset to the θ that made the data").click()
    assert page.locator(".mlp-message").inner_text() == ""


def test_200_random_changes_leave_no_nan_and_no_error(page):
    rng = random.Random(0)
    for _ in range(200):
        kind = rng.random()
        if kind < 0.8:
            control = _control(page, rng.choice(LABELS))
            control.focus()
            control.press(rng.choice(["ArrowRight", "ArrowLeft", "End", "Home", "PageUp", "PageDown"]))
        elif kind < 0.95:
            page.locator(".mlp-item").nth(rng.randrange(16)).focus()
        else:
            page.get_by_role("button", name="reset to the θ that made the data").click()
    assert no_nan(page) == []
    check_values_are_mlp_libs(page)


def test_a_slider_is_redrawn_inside_its_own_event(chromium, explorer_server):
    p = open_explorer(chromium, explorer_server, housing_explorer(), "housing", DESKTOP)
    for k in range(12):  # every theta slider, to values each different from the last
        assert not_redrawn_in_the_event(p, "#explorer fieldset input[type=range]", [-2.5, 0.5, 2.0, -1.0], index=k) == [], k
    assert p.problems == []
    p.context.close()


def test_on_a_phone_the_explorer_fits_and_its_text_is_legible(chromium, explorer_server):
    page = open_explorer(chromium, explorer_server, housing_explorer(), "housing", PHONE)
    page.locator(".mlp-edge").first.focus()  # with a tooltip showing
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert small_text(page) == []
    labels = page.evaluate("Array.from(document.querySelectorAll('#explorer svg')).map(s => s.getAttribute('aria-label'))")
    assert len(labels) == 2 and "Figure 2 for house #0" in labels[0] and "J(θ) = " in labels[1]
    assert page.problems == []
    page.context.close()


# ------------------------------------------------------------------ links to a view (ui/state.js)
LINK_CASES = [("theta", [0.5] * 12), ("theta", [0.5] * 13), ("theta", [0.5] * 11 + [3.5]),
              ("theta", [-3.25] + [0.5] * 11), ("house", 3), ("house", -1), ("house", 10_000)]


def test_a_links_verdicts_are_the_traitlets():
    page = link_verdicts(EXPLORER_JS, housing_explorer(), ["settingFields"], LINK_CASES)
    assert page == traitlet_verdicts(housing_explorer, LINK_CASES)
    assert page.count("ok") == 2  # the good values pass, every bad one is refused


def _linked(chromium, explorer_server, hash_=""):
    return open_explorer(chromium, explorer_server, housing_explorer(), "housing", hash=hash_, site=True)


def test_a_view_round_trips_through_the_address(chromium, explorer_server):
    page = _linked(chromium, explorer_server)
    try:
        set_slider(page, "theta3", -1.5)
        set_slider(page, "theta12", 2.7)
        set_slider(page, "house", 4)
        before = check_values_are_mlp_libs(page)
        hash_ = fragment(page)
        theta = ",".join(f"{t:g}" for t in before["theta"])
        assert f"housing.theta={theta}" in hash_ and "housing.house=4" in hash_
    finally:
        page.context.close()
    page = _linked(chromium, explorer_server, hash_)
    try:
        assert check_values_are_mlp_libs(page) == before
        assert page.locator(".mlp-notice").inner_text() == "" and page.problems == []
    finally:
        page.context.close()


def test_hidden_controls_are_gone_and_out_of_the_tab_order(chromium, explorer_server):
    page = _linked(chromium, explorer_server, "#housing.v=1&housing.hide=house,theta1,reset")
    try:
        for hidden in ("[data-setting='house']", "[data-setting='theta1']", "button[data-action='reset']"):
            assert page.locator(f"#explorer {hidden}").is_hidden()
        reached = reachable_by_tab(page)
        assert {"house", "theta1", "reset"}.isdisjoint(reached) and {"theta2", "theta12", "copy"} <= reached
        assert page.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("hash_, words", [
    ("#housing.v=1&housing.theta=1,2", "theta (theta_1..theta_12) must be a list of 12 finite numbers, got [1, 2]"),
    ("#housing.v=1&housing.theta=0,0,0,0,0,0,0,0,0,0,0,9", "got theta_12 = 9"),
    ("#housing.v=1&housing.house=1000", "house (a row of X) must be an integer from 0 to"),
    ("#housing.v=1&housing.hide=theta13", "hide names 'theta13', which this explorer does not have"),
])
def test_a_bad_link_is_said_in_words_and_the_defaults_stay(chromium, explorer_server, hash_, words):
    page = _linked(chromium, explorer_server, hash_)
    try:
        assert words in page.locator(".mlp-notice").inner_text()
        v = values(page)
        assert (v["theta"], v["house"]) == (list(HOUSE_THETA), 0) and page.problems == []
    finally:
        page.context.close()
