/**
 * @module A classification tree (CART, Gini impurity) on bin codes, the conditional model of the
 * sequential synthesizer: it predicts one column's bin from the bins of the columns before it,
 * and keeps, in every leaf, the sample rows that reached it, so sampling draws a real value
 * of the target from rows that look like the synthetic row so far.
 *
 * Hot path (fitting runs once per column over the whole sample): splits are found from per-bin
 * class histograms (at most 33 bins x 33 classes per predictor), rows are partitioned in place,
 * and each node is a few typed-array slots, so fitting allocates little and scales with rows.
 */

/** A predictor: each sample row's bin code, and whether bins are ordered (numbers). */
export interface Predictor {
  bin: Uint8Array;
  nbins: number;
  ordered: boolean;
}

export interface TreeParams {
  /** Fewest sample rows in a leaf. */
  minLeaf: number;
  maxDepth: number;
  /** Fewest leaves' worth of improvement (in rows classified better) a split must bring. */
  minGain: number;
}

export interface Tree {
  /** Per node: the predictor it splits on, or -1 for a leaf. */
  feature: Int32Array;
  /** Per node: right child (the left child is node + 1), or the leaf's end in `rows`. */
  right: Int32Array;
  /** Per node: offset of its left-going bin mask in `masks`, or the leaf's start in `rows`. */
  offset: Int32Array;
  masks: Uint8Array;
  /** Sample rows grouped by leaf. */
  rows: Int32Array;
}

interface Split {
  feature: number;
  gain: number;
  mask: Uint8Array;
}

/** Fits a tree predicting `target` (class codes < `classes`) from the predictors. */
export function fitTree(
  target: Uint8Array,
  classes: number,
  predictors: readonly Predictor[],
  params: TreeParams,
  rowCount: number,
): Tree {
  const rows = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) rows[i] = i;
  const feature: number[] = [];
  const right: number[] = [];
  const offset: number[] = [];
  const masks: number[] = [];
  const classCounts = new Float64Array(classes);
  const maxBins = predictors.reduce((m, p) => Math.max(m, p.nbins), 1);
  const hist = new Float64Array(maxBins * classes);
  const binTotals = new Float64Array(maxBins);
  const order = new Int32Array(maxBins);
  const score = new Float64Array(maxBins);
  const left = new Float64Array(classes);

  const bestSplit = (start: number, end: number, parentScore: number): Split | undefined => {
    let best: Split | undefined;
    const n = end - start;
    for (let f = 0; f < predictors.length; f++) {
      const p = predictors[f]!;
      const nb = p.nbins;
      hist.fill(0, 0, nb * classes);
      binTotals.fill(0, 0, nb);
      for (let i = start; i < end; i++) {
        const r = rows[i]!;
        const b = p.bin[r]!;
        hist[b * classes + target[r]!]!++;
        binTotals[b]!++;
      }
      let used = 0;
      for (let b = 0; b < nb; b++) if (binTotals[b]! > 0) order[used++] = b;
      if (used < 2) continue;
      if (!p.ordered) orderByTarget(nb, used);
      // Sweep: left = bins order[0..k]; score = sum_c L_c^2 / nL + sum_c R_c^2 / nR.
      left.fill(0);
      let nl = 0;
      for (let k = 0; k < used - 1; k++) {
        const b = order[k]!;
        for (let c = 0; c < classes; c++) left[c]! += hist[b * classes + c]!;
        nl += binTotals[b]!;
        const nr = n - nl;
        if (nl < params.minLeaf || nr < params.minLeaf) continue;
        let sl = 0;
        let sr = 0;
        for (let c = 0; c < classes; c++) {
          const l = left[c]!;
          const rr = classCounts[c]! - l;
          sl += l * l;
          sr += rr * rr;
        }
        const gain = sl / nl + sr / nr - parentScore;
        if (gain > params.minGain && (!best || gain > best.gain)) {
          const mask = new Uint8Array(nb);
          for (let j = 0; j <= k; j++) mask[order[j]!] = 1;
          best = { feature: f, gain, mask };
        }
      }
    }
    return best;
  };

  // Unordered bins are swept in the order of their share of the node's most frequent class.
  const orderByTarget = (nb: number, used: number): void => {
    let major = 0;
    for (let c = 1; c < classes; c++) if (classCounts[c]! > classCounts[major]!) major = c;
    for (let k = 0; k < used; k++) {
      const b = order[k]!;
      score[b] = hist[b * classes + major]! / binTotals[b]!;
    }
    const sub = Array.from(order.subarray(0, used)).sort((a, b) => score[a]! - score[b]! || a - b);
    for (let k = 0; k < used; k++) order[k] = sub[k]!;
    void nb;
  };

  const build = (start: number, end: number, depth: number): void => {
    const node = feature.length;
    classCounts.fill(0);
    for (let i = start; i < end; i++) classCounts[target[rows[i]!]!]!++;
    let sq = 0;
    let distinct = 0;
    for (let c = 0; c < classes; c++) {
      sq += classCounts[c]! * classCounts[c]!;
      if (classCounts[c]! > 0) distinct++;
    }
    const n = end - start;
    const split =
      depth < params.maxDepth && n >= 2 * params.minLeaf && distinct > 1
        ? bestSplit(start, end, sq / n)
        : undefined;
    if (!split) {
      feature.push(-1);
      right.push(end);
      offset.push(start);
      return;
    }
    // Partition rows: left-going bins first.
    const bins = predictors[split.feature]!.bin;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (split.mask[bins[rows[i]!]!] === 1) i++;
      else {
        const t = rows[i]!;
        rows[i] = rows[j]!;
        rows[j] = t;
        j--;
      }
    }
    feature.push(split.feature);
    right.push(0);
    offset.push(masks.length);
    for (const m of split.mask) masks.push(m);
    build(start, i, depth + 1);
    right[node] = feature.length;
    build(i, end, depth + 1);
  };

  build(0, rowCount, 0);
  return {
    feature: Int32Array.from(feature),
    right: Int32Array.from(right),
    offset: Int32Array.from(offset),
    masks: Uint8Array.from(masks),
    rows,
  };
}

/**
 * The leaf a synthetic row falls in, as [start, end) into `tree.rows`. `binOf(f)` is the bin of
 * predictor f for that row. A bin never seen at a node goes right (the mask only marks bins sent left).
 */
export function leafOf(tree: Tree, binOf: (f: number) => number): { start: number; end: number } {
  let node = 0;
  for (;;) {
    const f = tree.feature[node]!;
    if (f < 0) return { start: tree.offset[node]!, end: tree.right[node]! };
    node = tree.masks[tree.offset[node]! + binOf(f)] === 1 ? node + 1 : tree.right[node]!;
  }
}
