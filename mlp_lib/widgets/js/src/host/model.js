// The model an anywidget front end is given on the static site: one widget's saved traitlets,
// with the part of anywidget's model interface a front end uses (get, set, on, off,
// save_changes, send). There is no kernel: set() changes the page's copy and tells the
// listeners, as Backbone does in Jupyter (`change:<name>` then `change`, synchronously, only
// when the value differs), and save_changes() and send() have nowhere to send to.

/** True when a and b hold the same JSON value (traitlets arrive as JSON). */
function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export class PageModel {
  #state;
  #listeners = new Map(); // event name -> Set of callbacks

  /** state: the model's traitlets, {name: value}, as the page's saved widget state holds them. */
  constructor(state) {
    if (state === null || typeof state !== "object" || Array.isArray(state)) {
      throw new TypeError(`a widget model's state must be an object of traitlets, got ${JSON.stringify(state)}`);
    }
    this.#state = { ...state };
  }

  get(name) {
    return this.#state[name];
  }

  set(name, value) {
    if (typeof name !== "string") {
      throw new TypeError(`model.set takes a traitlet name (a string) and a value, got ${typeof name} ${JSON.stringify(name)}`);
    }
    const old = this.#state[name];
    if (sameValue(old, value)) return;
    this.#state[name] = value;
    this.#emit(`change:${name}`, value);
    this.#emit("change", value);
  }

  /** Call callback(model, value) on `event` ("change:<name>" or "change"). */
  on(event, callback) {
    if (typeof callback !== "function") {
      throw new TypeError(`model.on("${event}", callback) needs a function, got ${typeof callback}`);
    }
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(callback);
  }

  /** Stop calling callback on event; off(event) removes every callback of it, off() all. */
  off(event, callback) {
    if (event === undefined || event === null) {
      if (callback === undefined || callback === null) this.#listeners.clear();
      else for (const callbacks of this.#listeners.values()) callbacks.delete(callback);
      return;
    }
    const callbacks = this.#listeners.get(event);
    if (!callbacks) return;
    if (callback === undefined || callback === null) callbacks.clear();
    else callbacks.delete(callback);
  }

  /** With a kernel this sends the changed traitlets to Python; the static page has none. */
  save_changes() {}

  /** Custom messages go to Python with a kernel; on the static page nobody listens. */
  send() {}

  #emit(event, value) {
    // a copy, so a callback may add or remove listeners while we go through them
    for (const callback of [...(this.#listeners.get(event) || [])]) callback(this, value);
  }
}
