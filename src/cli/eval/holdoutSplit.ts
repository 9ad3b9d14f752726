// A fixed, seeded split of a suite into tasks the improving agent learns from (train) and tasks
// it never sees that judge whether what it learned carries over (held out). The same names,
// share and seed always give the same split, whatever order the tasks were listed in.
export interface Split<T> {
  train: T[];
  heldOut: T[];
}

/** `share` of the tasks held out (at least one, and at least one left to train on, when it is above 0). */
export function splitSuite<T extends { name: string }>(tasks: readonly T[], share: number, seed: number): Split<T> {
  const sorted = [...tasks].sort((a, b) => a.name.localeCompare(b.name));
  if (share <= 0 || sorted.length < 2) return { train: sorted, heldOut: [] };
  const count = Math.min(sorted.length - 1, Math.max(1, Math.round(sorted.length * share)));
  const random = mulberry32(seed);
  const order = sorted.map((task) => ({ task, key: random() }));
  const heldOut = new Set(order.sort((a, b) => a.key - b.key).slice(0, count).map((entry) => entry.task));
  return { train: sorted.filter((task) => !heldOut.has(task)), heldOut: sorted.filter((task) => heldOut.has(task)) };
}

/** A small seeded generator of numbers in [0, 1): the split must not change between Node versions. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
