/**
 * Lazy, once-only loading of the shipped artefacts in ./model. Read from disk rather than imported so the 3-4 MB of
 * JSON is parsed only when the first message is analysed, not whenever a module imports the NLU.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, type LinearModel } from "./linear";
import type { FeatureOptions } from "./features";

export interface LoadedModel {
  model: LinearModel;
  features: FeatureOptions;
  meta: Record<string, unknown>;
}

function modelPath(name: string): string {
  const candidates = [
    fileURLToPath(new URL(`./model/${name}`, import.meta.url)),
    // A bundled server build moves this module away from ./model; the repo layout is the fallback.
    join(process.cwd(), "app", "chat", "nlu", "model", name),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `NLU model ${name} not found (looked in ${candidates.join(
        ", "
      )}); run npm run train`
    );
  return found;
}

const cache = new Map<string, LoadedModel>();

/** Loads model/<name> on first use and keeps it for the life of the process. */
export function loadModel(
  name: "intent.json" | "sentiment.json" | "language.json" | "anger.json"
): LoadedModel {
  let loaded = cache.get(name);
  if (!loaded) {
    const { model, meta } = deserialize(readFileSync(modelPath(name), "utf8"));
    loaded = { model, meta, features: meta.features as FeatureOptions };
    cache.set(name, loaded);
  }
  return loaded;
}
