/**
 * Robustness of the aligner across noise draws: regenerates the validation set (VALIDATION_SEED: gaps,
 * barge-in depths, noise) and the held-out set (HOLDOUT_NOISE: noise only) for several seeds into a
 * temporary directory, measures each, and reports how many (set, seed, format) runs meet the targets.
 * Needs espeak-ng and sox (the generators do).
 *
 *   npx tsx lib/audio/eval/sweep.ts [seeds=8] [first=1]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { figuresByFormat, measureSet, meetsTargets, type FormatFigures } from "./measure";

const seeds = Number(process.argv[2] ?? 8);
// The first seed: seeds never looked at while tuning give the honest figure (1–8 were looked at).
const first = Number(process.argv[3] ?? 1);
const root = join(__dirname, "..");

const SETS = [
  {
    name: "validation",
    script: "validation/make-validation.mjs",
    out: "VALIDATION_OUT",
    seed: "VALIDATION_SEED",
  },
  { name: "holdout", script: "holdout/make-holdout.mjs", out: "HOLDOUT_OUT", seed: "HOLDOUT_NOISE" },
];

async function main() {
  const work = mkdtempSync(join(tmpdir(), "align-sweep-"));
  const rows: { set: string; seed: number; figures: FormatFigures[] }[] = [];
  try {
    for (const set of SETS)
      for (let seed = first; seed < first + seeds; seed++) {
        const dir = join(work, `${set.name}-${seed}`);
        mkdirSync(dir);
        execFileSync("node", [join(root, set.script)], {
          env: { ...process.env, [set.out]: dir, [set.seed]: String(seed) },
          stdio: "ignore",
        });
        const figures = figuresByFormat(await measureSet(dir));
        rows.push({ set: set.name, seed, figures });
        const misses = figures.filter((f) => !meetsTargets(f));
        console.log(
          `${set.name} seed ${seed}: ${misses.length ? `MISS ${misses.map((f) => `${f.format} (median ${f.medianMs}, ${Math.round(f.within500 * 100)} %, barge-in ${f.bargeWorstMs} ms)`).join("; ")}` : "all formats meet the targets"}`,
        );
      }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const table = SETS.flatMap((set) =>
    ["mono-pcm16", "mono-mulaw", "mono-alaw", "stereo"].map((format) => {
      const runs = rows
        .filter((r) => r.set === set.name)
        .map((r) => r.figures.find((f) => f.format === format)!);
      return {
        set: set.name,
        format,
        "runs meeting targets": `${runs.filter(meetsTargets).length}/${runs.length}`,
        "median of medians ms": runs.map((f) => f.medianMs).sort((a, b) => a - b)[
          Math.floor(runs.length / 2)
        ],
        "worst ≤500 share": `${Math.round(Math.min(...runs.map((f) => f.within500)) * 100)}%`,
        "worst barge-in ms": Math.max(...runs.map((f) => f.bargeWorstMs)),
      };
    }),
  );
  console.table(table);
  const all = rows.flatMap((r) => r.figures);
  console.log(`pass rate: ${all.filter(meetsTargets).length}/${all.length} (set × seed × format)`);
}

void main();
