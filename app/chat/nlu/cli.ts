/**
 * JSON-lines front end for outside evaluation: `npm run --silent nlu -- --jsonl` reads {"text": "..."} per line on
 * stdin and writes one result per line on stdout, in order. Only results go to stdout; problems go to stderr, and a
 * bad line still gets a line (with "error") so input and output stay aligned.
 */
import { createInterface } from "node:readline";
import { analyze } from "./index";

function answer(line: string): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: "invalid JSON" });
  }
  const text = (input as { text?: unknown } | null)?.text;
  if (typeof text !== "string")
    return JSON.stringify({ error: 'expected an object with a string "text"' });
  const hint = (input as { languageHint?: unknown }).languageHint;
  try {
    const r = analyze(text, {
      languageHint: typeof hint === "string" ? hint : undefined,
    });
    return JSON.stringify({
      intent: r.intent,
      confidence: r.confidence,
      language: r.language,
      sentimentScore: r.sentimentScore,
      angry: r.angry,
      alternatives: r.alternatives,
      entities: r.entities,
    });
  } catch (err) {
    process.stderr.write(`nlu: failed on a line: ${String(err)}\n`);
    return JSON.stringify({ error: "analysis failed" });
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes("--jsonl")) {
    process.stderr.write(
      "usage: npm run --silent nlu -- --jsonl < input.jsonl\n"
    );
    process.exitCode = 2;
    return;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Buffer output and write in chunks: one write per line is the slow part for 10k+ lines.
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    process.stdout.write(pending.join("\n") + "\n");
    pending = [];
  };
  for await (const raw of rl) {
    const line = raw.trim();
    // Blank lines are not records in JSON lines (a trailing newline must not add an answer); every other line,
    // valid or not, gets exactly one answer so the n-th output belongs to the n-th record.
    if (!line) continue;
    pending.push(answer(line));
    if (pending.length >= 256) flush();
  }
  flush();
}

main().catch((err) => {
  process.stderr.write(`nlu: ${String(err)}\n`);
  process.exitCode = 1;
});
