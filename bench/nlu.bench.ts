/**
 * npm run bench:nlu: model load time and warm messages/s through analyze() on one core, over a mixed set (English
 * Bitext rows, the multilingual hand-written rows, and messages with entities).
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
  ...loadIntents("extra-intents.csv").map((r) => r.text),
  "where is my order #1001? call me on +1 415 555 2671",
  "tracking 1Z999AA10123456784 says delivered but nothing here!!!",
  "is the Linen Shirt in stock in M?",
];

const t0 = performance.now();
analyze("warm up: where is my order?");
const loadMs = performance.now() - t0;

// Warm-up pass so the JIT has compiled the hot paths before timing.
for (const m of messages.slice(0, 300)) analyze(m, { catalog });

let n = 0;
const start = performance.now();
while (performance.now() - start < 3000) {
  for (const m of messages) analyze(m, { catalog });
  n += messages.length;
}
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  `model load (first analyze call): ${loadMs.toFixed(0)} ms\n` +
    `analyze(): ${Math.round(
      n / seconds
    )} messages/s on one core (${n} messages, ${
      messages.length
    } distinct, ${seconds.toFixed(1)} s)\n`
);
