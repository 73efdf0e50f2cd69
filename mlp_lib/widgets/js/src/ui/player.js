// One animation loop for every explorer that trains or steps (chapters 1, 2, 4, 6, 7, 8 and the
// backpropagation stepper of chapter 9): play, pause, step, reset (and, where asked, step back
// and run to the end), the step t kept in the widget's model, and the runs a reader keeps to
// compare.
//
// The explorer says how to start a run and how to draw; the player decides when to do which:
//   newRun(settings) -> a run from those settings at t = 0: {t, nIter, done, advance(k)}
//                       (t: steps done; advance(k): up to k more, fewer at the end or at a
//                       divergence; done: no step is left)
//   redraw()         -> draws player.run (null before the first play or step, unless `eager`)
//   settings()       -> the settings that make a run now, a plain object (kept runs, links)
// Play trains at a pace set by the clock: a whole run of nIter steps in about runMs, with at
// most frameBudgetMs of training in an animation frame, so a small network finishes on time
// and a large one slows down but still draws at the frame rate. A frame that the clock says
// is early for the next step takes none and draws nothing: a run of 12 steps with
// runMs = 12 * 1600 shows each step for 1.6 s (runMs may be a function of the run). With
// frameMs, a run that is behind the clock trains longer in a frame: up to frameMs less what the
// last drawing took, so that a large network still ends near runMs at about 1000 / frameMs fps.

import { button } from "./controls.js";

/** Buttons the player can make, in this order; `controls` picks among them. */
const BUTTONS = {
  back: "step back",
  play: "play",
  pause: "pause",
  step: "step",
  end: "to the end",
  reset: "reset",
  keep: "keep this run",
  clear: "clear kept runs",
};

/** The setting names whose values differ between two settings objects (all of them if none do). */
export function differing(a, b) {
  const names = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return names.length ? names : Object.keys(a);
}

/**
 * The player. opts: {model, buttons (the element the buttons go in; none under node), newRun, redraw, settings,
 * tName ("t"; null: no traitlet), eager (false), runMs (650, or run -> ms), frameBudgetMs (9),
 * frameMs (null: off; else the frame a run behind the clock may fill, training and drawing),
 * controls (["play", "pause", "step", "reset"]; add "back", "end", "keep", "clear"),
 * maxKept (4), onKept (called when the kept runs change: the link follows them), frames
 * ({now, request, cancel}: the clock and animation frames, for tests)}.
 * Returns the player: {run, playing, kept, settings(), play(), pause(), step(), back(), end(), reset(),
 * discard(), trainTo(t), show(run), keep(), clearKept(), setKept(list), buttons, destroy()}.
 */
export function player(opts) {
  const {
    model, newRun, redraw, settings = () => ({}), tName = "t", eager = false,
    runMs = 650, frameBudgetMs = 9, frameMs = null, maxKept = 4, onKept = () => {},
    controls = ["play", "pause", "step", "reset"],
  } = opts;
  const frames = opts.frames || {
    now: () => performance.now(),
    request: (cb) => requestAnimationFrame(cb),
    cancel: (id) => cancelAnimationFrame(id),
  };
  let run = eager ? newRun(settings()) : null;
  let frameId = null;
  let pace = null; // {time, t}: when play began and at which step, to pace by the clock
  let kept = [];
  let drawMs = 0; // what the last drawing of a frame took

  const saveT = () => {
    if (tName === null) return;
    const t = run ? run.t : 0;
    if (model.get(tName) !== t) { model.set(tName, t); model.save_changes(); }
  };
  const stop = () => {
    if (frameId !== null) frames.cancel(frameId);
    frameId = null;
  };
  const fresh = () => { run = newRun(settings()); return run; };
  const current = () => (run && !run.done ? run : fresh()); // a run that has a step left

  const tick = () => {
    const now = frames.now();
    const ms = typeof runMs === "function" ? runMs(run) : runMs;
    const target = pace.t + Math.ceil((run.nIter * (now - pace.time)) / ms);
    const until = now + (frameMs === null ? frameBudgetMs : Math.max(frameBudgetMs, frameMs - drawMs));
    const before = run.t;
    while (!run.done && run.t < target && frames.now() < until) run.advance(1); // one step at least when one is due
    frameId = run.done ? null : frames.request(tick);
    if (run.done) saveT();
    if (run.t !== before || run.done) {
      const drawn = frames.now();
      redraw();
      drawMs = frames.now() - drawn;
    }
  };

  const api = {
    get run() { return run; },
    get playing() { return frameId !== null; },
    get kept() { return kept; },
    settings,
    play() {
      if (frameId !== null) return;
      current();
      pace = { time: frames.now(), t: run.t };
      frameId = frames.request(tick);
      redraw();
    },
    pause() { stop(); saveT(); redraw(); },
    step() { stop(); current().advance(1); saveT(); redraw(); },
    /** One step back: the run again from its start to t - 1 (runs are deterministic). */
    back() { api.trainTo(run ? run.t - 1 : 0); },
    end() { api.trainTo(Infinity); },
    reset() { stop(); run = eager ? fresh() : null; saveT(); redraw(); },
    /** A setting changed: the run ends and the new start shows (kept runs stay). */
    discard() { api.reset(); },
    /** The run from its start to step t (clipped to 0..nIter, or where it stops): for t set from
     * Python, a link, or "step back". Draws; writes t back only if it had to change. */
    trainTo(t) {
      stop();
      if (!run || run.t > t) fresh();
      if (t > run.t) run.advance(Math.min(t, run.nIter) - run.t);
      saveT();
      redraw();
    },
    /** Show a run the explorer kept itself (the activation explorer keeps one per activation)
     * as the current one, as far as it went: play, step and "step back" go on from it. */
    show(other) { stop(); run = other; saveT(); redraw(); },
    /** Keep the current run (trained as far as it is) to compare with the next, which starts
     * afresh; the oldest goes when more than maxKept are kept. Returns what was kept, or null
     * if there is no run to keep. */
    keep() {
      if (!run) return null;
      const entry = { settings: settings(), run };
      kept = [...kept, entry].slice(-maxKept);
      stop();
      run = eager ? fresh() : null; // the kept run is drawn faint; the next one starts here
      saveT();
      redraw();
      onKept();
      return entry;
    },
    clearKept() { kept = []; redraw(); onKept(); },
    /** Kept runs from elsewhere (a link): [{settings, t}], each trained to its t. */
    setKept(list) {
      kept = list.slice(-maxKept).map(({ settings: s, t }) => {
        const r = newRun(s);
        r.advance(Math.min(t, r.nIter));
        return { settings: s, run: r };
      });
      redraw();
      onKept();
    },
    destroy: stop,
    buttons: {},
  };
  for (const name of Object.keys(BUTTONS).filter((b) => opts.buttons && controls.includes(b))) {
    const element = button(BUTTONS[name], () => (name === "clear" ? api.clearKept() : api[name]()));
    element.dataset.action = name;
    api.buttons[name] = element;
    opts.buttons.append(element);
  }
  return api;
}
