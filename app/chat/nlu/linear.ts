/**
 * Multinomial logistic regression over hashed sparse features: training (AdaGrad, seeded shuffle, so a retrain is
 * bit-for-bit reproducible) and compact int8 serialisation for the shipped artefact.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { SparseVector } from "./features";

/** Weights laid out feature-major (bucket * classes + class) so inference reads one contiguous run per feature. */
export interface LinearModel {
  labels: string[];
  bits: number;
  weights: Float32Array;
  bias: Float32Array;
  /**
   * A loaded artefact keeps the int8 rows as they are stored instead of `weights` (a quarter of the memory: the
   * intent model is 9 MB this way, 36 MB as Float32): row of each bucket (-1: all zero), per-row scale, int8 values.
   */
  quantized?: { rowOf: Int32Array; scales: Float32Array; q: Int8Array };
}

export interface Example {
  x: SparseVector;
  y: number;
  weight: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty applied at each touch of a weight (keeps rare hashed features from memorising single rows). */
  l2: number;
  seed: number;
}

/** Mulberry32: a tiny seeded PRNG; Math.random would make the artefact differ between runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Raw class scores (logits) for one vector. */
export function logits(
  model: LinearModel,
  x: SparseVector,
  out?: Float64Array
): Float64Array {
  const c = model.labels.length;
  const z = out ?? new Float64Array(c);
  for (let k = 0; k < c; k++) z[k] = model.bias[k];
  if (model.quantized) {
    const { rowOf, scales, q } = model.quantized;
    for (let i = 0; i < x.indices.length; i++) {
      const r = rowOf[x.indices[i]];
      if (r < 0) continue;
      const base = r * c;
      const v = x.values[i] * scales[r];
      for (let k = 0; k < c; k++) z[k] += q[base + k] * v;
    }
    return z;
  }
  const w = model.weights;
  for (let i = 0; i < x.indices.length; i++) {
    const base = x.indices[i] * c;
    const v = x.values[i];
    for (let k = 0; k < c; k++) z[k] += w[base + k] * v;
  }
  return z;
}

/** Softmax in place, numerically stable. */
export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k] > max) max = z[k];
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k] - max);
    sum += z[k];
  }
  for (let k = 0; k < z.length; k++) z[k] /= sum;
  return z;
}

/** Trains a softmax classifier with per-coordinate AdaGrad steps over shuffled examples. */
export function train(
  examples: Example[],
  labels: string[],
  bits: number,
  opts: TrainOptions
): LinearModel {
  const c = labels.length;
  const size = (1 << bits) * c;
  const model: LinearModel = {
    labels,
    bits,
    weights: new Float32Array(size),
    bias: new Float32Array(c),
  };
  const g2 = new Float32Array(size).fill(1e-6);
  const g2b = new Float64Array(c).fill(1e-6);
  const rand = seededRandom(opts.seed);
  const order = examples.map((_, i) => i);
  const p = new Float64Array(c);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    // Fisher-Yates with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const idx of order) {
      const { x, y, weight } = examples[idx];
      softmax(logits(model, x, p));
      for (let k = 0; k < c; k++) {
        const gk = (p[k] - (k === y ? 1 : 0)) * weight;
        g2b[k] += gk * gk;
        model.bias[k] -= (opts.learningRate * gk) / Math.sqrt(g2b[k]);
      }
      for (let i = 0; i < x.indices.length; i++) {
        const base = x.indices[i] * c;
        const v = x.values[i];
        for (let k = 0; k < c; k++) {
          const wi = base + k;
          const g =
            (p[k] - (k === y ? 1 : 0)) * weight * v +
            opts.l2 * model.weights[wi];
          if (g === 0) continue;
          g2[wi] += g * g;
          model.weights[wi] -= (opts.learningRate * g) / Math.sqrt(g2[wi]);
        }
      }
    }
  }
  return model;
}

interface SerializedModel {
  format: "shopdesk-nlu-linear-v1";
  labels: string[];
  bits: number;
  bias: number[];
  /** gzip(base64) of: Int32 row count, Int32 row ids, Float32 per-row scales, Int8 weights (rows * classes). */
  blob: string;
  meta: Record<string, unknown>;
}

/**
 * Keeps only hash rows with a non-zero weight and quantises each row to int8 with its own scale: about a quarter of
 * the Float32 size, with a rounding error far below the gaps between class scores.
 */
export function serialize(
  model: LinearModel,
  meta: Record<string, unknown>
): string {
  const c = model.labels.length;
  const rows: number[] = [];
  for (let r = 0; r < 1 << model.bits; r++) {
    let max = 0;
    for (let k = 0; k < c; k++)
      max = Math.max(max, Math.abs(model.weights[r * c + k]));
    if (max > 1e-4) rows.push(r);
  }
  const buf = Buffer.alloc(4 + rows.length * 8 + rows.length * c);
  buf.writeInt32LE(rows.length, 0);
  let off = 4;
  for (const r of rows) {
    buf.writeInt32LE(r, off);
    off += 4;
  }
  const q = new Int8Array(rows.length * c);
  rows.forEach((r, i) => {
    let max = 0;
    for (let k = 0; k < c; k++)
      max = Math.max(max, Math.abs(model.weights[r * c + k]));
    const scale = max / 127;
    buf.writeFloatLE(scale, off);
    off += 4;
    for (let k = 0; k < c; k++)
      q[i * c + k] = Math.round(model.weights[r * c + k] / scale);
  });
  Buffer.from(q.buffer).copy(buf, off);
  const out: SerializedModel = {
    format: "shopdesk-nlu-linear-v1",
    labels: model.labels,
    bits: model.bits,
    bias: Array.from(model.bias, (b) => Math.round(b * 1e6) / 1e6),
    // level 9 and a fixed input make the gzip output (and so the committed file) identical across retrains.
    blob: gzipSync(buf, { level: 9 }).toString("base64"),
    meta,
  };
  return JSON.stringify(out);
}

/** Reads an artefact written by serialize() back, keeping its int8 rows (see LinearModel.quantized). */
export function deserialize(json: string): {
  model: LinearModel;
  meta: Record<string, unknown>;
} {
  const data = JSON.parse(json) as SerializedModel;
  if (data.format !== "shopdesk-nlu-linear-v1")
    throw new Error(`unknown NLU model format: ${String(data.format)}`);
  const c = data.labels.length;
  const buf = gunzipSync(Buffer.from(data.blob, "base64"));
  const n = buf.readInt32LE(0);
  const rowOf = new Int32Array(1 << data.bits).fill(-1);
  const scales = new Float32Array(n);
  const rowsOff = 4;
  const scalesOff = rowsOff + n * 4;
  const qOff = scalesOff + n * 4;
  for (let i = 0; i < n; i++) {
    rowOf[buf.readInt32LE(rowsOff + i * 4)] = i;
    scales[i] = buf.readFloatLE(scalesOff + i * 4);
  }
  // A copy, so the model does not keep the whole decompressed buffer alive.
  const q = new Int8Array(n * c);
  q.set(new Int8Array(buf.buffer, buf.byteOffset + qOff, n * c));
  return {
    model: {
      labels: data.labels,
      bits: data.bits,
      weights: new Float32Array(0),
      bias: Float32Array.from(data.bias),
      quantized: { rowOf, scales, q },
    },
    meta: data.meta,
  };
}
