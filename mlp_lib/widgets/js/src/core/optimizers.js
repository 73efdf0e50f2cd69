// Gradient descent and its stochastic variants (Section 1), as mlp_lib.optimizers: the
// algorithms differ only in which examples feed the gradient (see random.js's batchChooser).
// A model offers cost, costAndGradients, step and isFinite (MLP, SingleNeuron, QuadraticModel).

/** The examples at `indices` (null: all of them). */
export function batch(X, y, indices) {
  return indices === null ? [X, y] : [indices.map((i) => X[i]), indices.map((i) => y[i])];
}

/**
 * Training one step at a time: yields {t, model, J} for t = 0 (the start), 1, 2, ...
 * At every step theta := theta - lr grad, on the examples choose() picks (eqs. 1.3-1.5).
 * Stops, returning {diverged: t, lr}, when the batch cost, the new parameters or the new J
 * is not finite; the last model yielded is then the last finite one (as TrainingDiverged).
 */
export function* steps(model, X, y, lr, choose) {
  let J = model.cost(X, y); // (1.2)
  if (!Number.isFinite(J)) return { diverged: 0, lr };
  yield { t: 0, model, J };
  let indices = choose(1);
  let fullGradients = null; // the gradient on all n examples, when it was computed with J
  for (let t = 1; ; t++) {
    const [Xb, yb] = batch(X, y, indices);
    const { J: Jbatch, grads } = fullGradients ?? model.costAndGradients(Xb, yb);
    const next = model.step(grads, lr); // theta := theta - alpha grad, (1.3)-(1.5)
    if (!Number.isFinite(Jbatch) || !next.isFinite()) return { diverged: t, lr };
    indices = choose(t + 1);
    // J on the whole training set, (1.2). When the next step uses every example (GD), the
    // backward pass that computes J computes that step's gradient too: done once, kept.
    fullGradients = indices === null ? next.costAndGradients(X, y) : null;
    J = fullGradients ? fullGradients.J : next.cost(X, y);
    if (!Number.isFinite(J)) return { diverged: t, lr };
    model = next;
    yield { t, model, J };
  }
}

/**
 * nIter steps at once: {model (the last finite), history (J at 0..T), models (one per
 * iteration 0..T), diverged (the iteration where training stopped, or null), lr}.
 */
export function train(model, X, y, lr, nIter, choose) {
  const run = { model, history: [], models: [], diverged: null, lr };
  const it = steps(model, X, y, lr, choose);
  for (let i = 0; i <= nIter; i++) {
    const { value, done } = it.next();
    if (done) { run.diverged = value.diverged; break; }
    run.model = value.model;
    run.history.push(value.J);
    run.models.push(value.model);
  }
  return run;
}

/** The words a reader sees when training stops: where, with which rate, what to try. */
export function divergenceMessage(iteration, lr) {
  return `Training diverged at iteration ${iteration}: J became too large to compute with ` +
    `learning rate ${formatNumber(lr)}. Try a smaller learning rate.`;
}

function formatNumber(v) { return Number(v.toPrecision(3)).toString(); }
