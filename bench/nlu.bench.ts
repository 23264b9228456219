/**
 * npm run bench:nlu: model load time, resident memory of the loaded models, and warm messages/s through analyze()
 * (full output: intent, language, sentiment, anger, entities) on one core, over a mixed set (English Bitext rows,
 * the multilingual validation rows, and messages with entities). The reference beside it, measured in the same
 * run: eld's language detection alone, which every Latin-script message also pays for.
 */
import { performance } from "node:perf_hooks";
import { loadIntents } from "../app/chat/nlu/datasets";
import { analyze } from "../app/chat/nlu/index";

const catalog = {
  products: [
    {
      id: "p1",
      title: "Linen Shirt",
      variants: [
        { id: "v1", title: "S / White", options: ["S", "White"] },
        { id: "v2", title: "M / White", options: ["M", "White"] },
      ],
    },
  ],
};

const messages = [
  ...loadIntents("bitext-validation.csv").map((r) => r.text),
  ...loadIntents("human-validation.csv").map((r) => r.text),
  ...loadIntents("validation-shoppers.csv").map((r) => r.text),
  ...loadIntents("extra-intents.csv").map((r) => r.text),
  "where is my order #1001? call me on +1 415 555 2671",
  "tracking 1Z999AA10123456784 says delivered but nothing here!!!",
  "is the Linen Shirt in stock in M?",
];

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
// The NLU modules are imported but their models load on the first call: the difference is what the models cost.
global.gc?.();
const before = process.memoryUsage();
const rssBefore = before.rss;
const live = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
const t0 = performance.now();
analyze("warm up: where is my order?");
const loadMs = performance.now() - t0;
global.gc?.();
const loaded = process.memoryUsage();


// Warm-up pass so the JIT has compiled the hot paths before timing.
for (const m of messages.slice(0, 300)) analyze(m, { catalog });

let n = 0;
const start = performance.now();
while (performance.now() - start < 3000) {
  for (const m of messages) analyze(m, { catalog });
  n += messages.length;
}
const seconds = (performance.now() - start) / 1000;
global.gc?.();
const rssAfter = process.memoryUsage().rss;

// Imported only now, so its ~390 MB of tables (which the NLU does not load) stay out of the figures above.
const { eld } = await import("eld/large");
let m = 0;
const refStart = performance.now();
while (performance.now() - refStart < 1000) {
  for (const msg of messages) eld.detect(msg);
  m += messages.length;
}
const refSeconds = (performance.now() - refStart) / 1000;
process.stdout.write(
  `model load (first analyze call) ${loadMs.toFixed(0)} ms\n` +
    `models resident (rss after loading - before) ${mb(loaded.rss - rssBefore)} MB\n` +
    `models live (heap + array buffers after loading - before) ${mb(live(loaded) - live(before))} MB\n` +
    `process resident after the run (node, tsx, models, garbage of the run) ${mb(rssAfter)} MB\n` +
    `analyze() full output ${Math.round(n / seconds)} messages/s on one core (${n} messages, ${
      messages.length
    } distinct, ${seconds.toFixed(1)} s)\n` +
    `reference: eld.detect() alone ${Math.round(m / refSeconds)} messages/s\n`
);
