// `npm run eval:dialogue -- [--strict] [--only <id-prefix>] [--json] [--transcript]`: plays every written dialogue
// through the real engine against the demo shop and prints the figures per language file, then every failure
// (--transcript: every exchange as well, for writing and debugging dialogues).
import fs from "node:fs";
import path from "node:path";
import { freshDatabaseUrl } from "../../../test/db";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const valueOf = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const unknown = args.filter((a, i) => !["--strict", "--json", "--only", "--transcript"].includes(a) && args[i - 1] !== "--only");
if (unknown.length || (flag("--only") && !valueOf("--only"))) {
  console.error("usage: npm run eval:dialogue -- [--strict] [--only <id-prefix>] [--json] [--transcript]");
  process.exit(2);
}
const only = valueOf("--only");

// The app's modules read DATABASE_URL once when they load: a fresh migrated database first, then the app.
// WAL: a commit appends to the log instead of syncing the file and a journal; the run is about 2.5x faster.
const databaseUrl = freshDatabaseUrl("dialogue-eval", { wal: true });
process.env.DATABASE_URL = databaseUrl;
process.env.NODE_ENV ??= "test";
process.env.LOG_LEVEL ??= "error";
process.env.LLM_PROVIDER ??= "none";

const started = Date.now();
const { loadDialogueFiles, DialogueFormatError } = await import("./format");
const { startDialogueRunner, figuresByFile, formatFigures, formatFailures, formatTranscript, meetsGoals } = await import(
  "./dialogue.server"
);
const { default: prisma } = await import("../../db.server");

const runner = startDialogueRunner();
let exitCode = 0;
try {
  let files;
  try {
    files = loadDialogueFiles(runner.shop);
  } catch (error) {
    if (error instanceof DialogueFormatError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const scores = [];
  for (const { file, dialogues } of files) {
    for (const d of dialogues) {
      if (only && !d.id.startsWith(only)) continue;
      const score = await runner.run(d, file);
      if (flag("--transcript") && !flag("--json")) console.log(formatTranscript(score));
      scores.push(score);
    }
  }
  const rows = figuresByFile(scores);
  const all = rows[rows.length - 1].figures;
  if (flag("--json")) {
    const share = (a: number, b: number) => (b ? Number((a / b).toFixed(4)) : null);
    const figures = rows.map((r) => [
      r.file,
      {
        ...r.figures,
        resolvedShare: share(r.figures.resolved, r.figures.botResolvable),
        wrongLanguageShare: share(r.figures.wrongLanguage, r.figures.repliesChecked),
      },
    ]);
    console.log(JSON.stringify({ figures: Object.fromEntries(figures), goalsMet: meetsGoals(all) }, null, 2));
  } else {
    console.log(formatFigures(rows));
    const failures = formatFailures(scores);
    console.log(failures ? `\nfailures:\n${failures}` : "\nno failures");
    console.log(`\n${scores.length} dialogues in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (flag("--strict") && !meetsGoals(all)) exitCode = 1;
} finally {
  runner.close();
  await prisma.$disconnect();
  fs.rmSync(path.dirname(databaseUrl.slice("file:".length)), { recursive: true, force: true });
}
process.exit(exitCode);
