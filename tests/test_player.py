"""The explorers' one animation loop (mlp_lib/widgets/js/src/ui/player.js), under node.

The player is driven with a fake clock and fake animation frames, and runs that count their
steps (a step can cost fake milliseconds), so what is checked is the work each frame does and
what reaches the widget's model, not the wall clock.
"""
from pathlib import Path

from node_core import run_js

PLAYER_JS = (Path(__file__).resolve().parent.parent / "mlp_lib" / "widgets" / "js" / "src" / "ui"
             / "player.js").as_uri()

# A model, a clock, frames and counting runs: `make(opts)` returns {p, model, log, frame(ms)}.
HARNESS = """
const { player, differing } = await import(inputs.url);
function make(opts = {}) {
  const state = { t: 0 };
  const log = { saves: 0, redraws: 0, runs: [] };
  const model = {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; },
    save_changes: () => { log.saves++; },
  };
  let clock = 0, queued = null;
  const frames = {
    now: () => clock,
    request: (cb) => { queued = cb; return 1; },
    cancel: () => { queued = null; },
  };
  const cost = opts.stepMs || 0;
  const newRun = (s) => {
    const run = {
      s, t: 0, nIter: s.n ?? 100,
      get done() { return this.t >= this.nIter; },
      advance(k) { for (let i = 0; i < k && !this.done; i++) { this.t++; clock += cost; } return this; },
    };
    log.runs.push(run);
    return run;
  };
  let settingsNow = { n: opts.n ?? 100, lr: 0.1 };
  const p = player({ model, newRun, redraw: () => { log.redraws++; clock += opts.drawMs || 0; }, frames,
    settings: () => ({ ...settingsNow }), ...opts.player });
  const frame = (ms = 16) => { clock += ms; const cb = queued; queued = null; if (cb) cb(); return !!queued; };
  return { p, model, log, frame, set: (s) => { settingsNow = { ...settingsNow, ...s }; }, queued: () => queued !== null };
}
"""


def player(code, **inputs):
    return run_js(HARNESS + code, url=PLAYER_JS, **inputs)


def test_play_is_paced_by_the_clock_and_ends_on_time():
    out = player("""
    const { p, model, frame } = make({ n: 100, player: { runMs: 160 } });
    p.play();
    const ts = [];
    while (frame(16)) ts.push(p.run.t);
    ts.push(p.run.t);
    return { ts, t: model.get("t"), playing: p.playing };
    """)
    # 100 steps in 160 ms: 10 steps a 16 ms frame, done at the 10th frame, t saved once done
    assert out["ts"] == [10 * k for k in range(1, 11)]
    assert out["t"] == 100 and out["playing"] is False


def test_a_frame_trains_within_its_budget():
    out = player("""
    const { p, frame } = make({ n: 1000, stepMs: 4, player: { runMs: 100, frameBudgetMs: 9 } });
    p.play();
    const perFrame = [];
    let before = 0;
    for (let i = 0; i < 5; i++) { frame(16); perFrame.push(p.run.t - before); before = p.run.t; }
    return perFrame;
    """)
    # the clock asks for far more, but 4 ms steps fit a 9 ms budget three times (the check comes
    # after each step: 4, 8 < 9, 12 >= 9)
    assert out == [3, 3, 3, 3, 3]


def test_a_run_behind_the_clock_fills_its_frame_less_the_drawing():
    out = player("""
    const { p, frame } = make({ n: 1000, stepMs: 4, drawMs: 6, player: { runMs: 100, frameBudgetMs: 9, frameMs: 30 } });
    p.play();
    const perFrame = [];
    let before = 0;
    for (let i = 0; i < 4; i++) { frame(30); perFrame.push(p.run.t - before); before = p.run.t; }
    const done = make({ n: 20, stepMs: 1, drawMs: 6, player: { runMs: 1000, frameBudgetMs: 9, frameMs: 30 } });
    done.p.play();
    done.frame(94);                      // 100 ms after play (its drawing took 6): the clock asks for 2 steps and gets 2, not a frame's worth
    return { perFrame, onTime: done.p.run.t };
    """)
    # the first frame has no drawing yet: 30 ms hold 8 steps of 4 ms (the check comes after each
    # step: 28 < 30, 32 >= 30); then 30 - 6 ms of drawing = 24 ms: 6 steps (the budget alone: 3)
    assert out["perFrame"] == [8, 6, 6, 6]
    assert out["onTime"] == 2


def test_step_pause_reset_and_t_in_the_model():
    out = player("""
    const { p, model, frame, log } = make({ n: 50 });
    const seen = {};
    seen.before = p.run;                 // not eager: no run until play or step
    p.step(); p.step();
    seen.afterSteps = [p.run.t, model.get("t")];
    p.play(); frame(16); p.pause();
    seen.paused = [p.playing, model.get("t") === p.run.t, p.run.t > 2];
    p.reset();
    seen.reset = [p.run, model.get("t")];
    p.end();
    seen.end = [p.run.t, model.get("t")];
    p.step();                            // at the end, step starts a new run
    seen.again = [p.run.t, log.runs.length];
    return seen;
    """)
    assert out["before"] is None
    assert out["afterSteps"] == [2, 2]
    assert out["paused"] == [False, True, True]
    assert out["reset"] == [None, 0]
    assert out["end"] == [50, 50]
    assert out["again"][0] == 1 and out["again"][1] == 3


def test_back_and_train_to_replay_the_run_from_its_start():
    out = player("""
    const { p, model, log } = make({ n: 20, player: { eager: true } });
    const seen = { eager: p.run.t };
    p.trainTo(7); seen.to7 = [p.run.t, model.get("t")];
    p.back(); seen.back = [p.run.t, model.get("t")];
    p.trainTo(99); seen.clipped = p.run.t;
    p.trainTo(-3); seen.low = p.run.t;
    seen.runs = log.runs.length;
    return seen;
    """)
    assert out["eager"] == 0
    assert out["to7"] == [7, 7]
    assert out["back"] == [6, 6]          # a new run, trained to 6
    assert out["clipped"] == 20
    assert out["low"] == 0
    assert out["runs"] == 3               # the eager start, then a new run for each step back


def test_kept_runs_at_most_four_with_their_settings():
    out = player("""
    const { p, set } = make({ n: 10 });
    const seen = { nothing: p.keep() };
    for (const lr of [0.1, 0.2, 0.3, 0.4, 0.5]) { set({ lr }); p.end(); p.keep(); }
    seen.kept = p.kept.map((k) => [k.settings.lr, k.run.t]);
    seen.runAfter = p.run;
    p.clearKept(); seen.cleared = p.kept.length;
    p.setKept([{ settings: { n: 10, lr: 1 }, t: 4 }, { settings: { n: 10, lr: 2 }, t: 99 }]);
    seen.fromLink = p.kept.map((k) => [k.settings.lr, k.run.t]);
    seen.differ = [differing({ lr: 1, m: 2 }, { lr: 3, m: 2 }), differing({ lr: 1 }, { lr: 1 })];
    return seen;
    """)
    assert out["nothing"] is None
    assert out["kept"] == [[0.2, 10], [0.3, 10], [0.4, 10], [0.5, 10]]
    assert out["runAfter"] is None
    assert out["cleared"] == 0
    assert out["fromLink"] == [[1, 4], [2, 10]]
    assert out["differ"] == [["lr"], ["lr"]]


def test_a_slow_pace_walks_one_step_per_interval_and_idle_frames_draw_nothing():
    """runMs may be a function of the run: 12 steps at 1.6 s each (the backpropagation stepper).
    The first step comes at once, the next when the clock says; frames in between take no step
    and do not redraw."""
    out = player("""
    const { p, model, frame, log } = make({ n: 12, player: { runMs: (run) => run.nIter * 1600 } });
    p.play();
    const seen = [];
    let redraws = log.redraws;
    for (let i = 0; i < 240; i++) {             // 240 frames of 16 ms: 3.84 s
      frame(16);
      if (p.run.t !== (seen.length ? seen[seen.length - 1][1] : 0)) seen.push([16 * (i + 1), p.run.t]);
    }
    return { seen, redraws: log.redraws - redraws, t: model.get("t"), playing: p.playing };
    """)
    # step 1 in the first frame, step 2 once 1.6 s have passed, step 3 after 3.2 s
    assert [t for _, t in out["seen"]] == [1, 2, 3]
    assert out["seen"][0][0] == 16 and 1600 <= out["seen"][1][0] < 1632 and 3200 <= out["seen"][2][0] < 3232
    assert out["redraws"] == 3 and out["playing"] is True
    assert out["t"] == 0  # t is written to the model when play pauses or ends, as before


def test_show_makes_a_run_kept_elsewhere_the_current_one():
    out = player("""
    const { p, model, frame, log } = make({ n: 30, player: { eager: true } });
    const other = log.runs[0];
    p.step(); p.step();                    // run 0 at t = 2
    p.reset();                             // run 1 at t = 0
    p.play(); frame(16);
    p.show(other);                         // back to run 0 where it was: the clock stops
    const seen = { same: p.run === other, t: [p.run.t, model.get("t")], playing: p.playing, queued: frame(16) };
    p.step(); seen.stepped = [other.t, model.get("t")];
    p.back(); seen.back = [p.run.t, p.run !== other];
    return seen;
    """)
    assert out["same"] is True and out["t"] == [2, 2]
    assert out["playing"] is False and out["queued"] is False
    assert out["stepped"] == [3, 3]        # play and step go on from the shown run
    assert out["back"] == [2, True]        # step back replays from a new run's start
