import { demoDataset } from "@/lib/simulator/demo-data";
import type { SimDataset } from "@/lib/simulator/http-types";
import type { SimCall, SimSource } from "@/lib/simulator/types";
import type { Speaker } from "@/lib/model";

/**
 * Where each line of a simulated call really is in its recording: the simulator's ground truth,
 * for tests that check timing (estimated, vendor or aligned) against the audio. The demo dataset is
 * deterministic, so the truth of any demo call can be rebuilt from its source and vendor call id,
 * outside the server that serves it (an e2e spec, a benchmark).
 */

export interface TrueLine {
  speaker: Speaker;
  /** As the vendor's transcript gives it (stage directions kept, no barge-in marker). */
  text: string;
  /** Where the speech starts and stops in the recording, in ms. */
  startMs: number;
  endMs: number;
  /** The customer barged in on the robot's previous line. */
  interrupted: boolean;
}

/** Demo mode's source ids (demo.ts simulatedSources) and the simulated source behind each. */
export const DEMO_SOURCE_IDS: Readonly<Record<string, SimSource>> = {
  "hz-robot": "dyvms",
  aicc: "aiccs",
  tanyi: "tanyi",
  agent: "agent",
};

/**
 * A call's lines as its transcript lists them, with their true times. Empty when the vendor's
 * transcript is (an ASR failure has speech in the recording but no lines).
 */
export function trueLineTimings(call: SimCall): TrueLine[] {
  return call.lines.map(({ speaker, text, startMs, endMs, interrupted }) => ({
    speaker,
    text,
    startMs,
    endMs,
    interrupted,
  }));
}

/**
 * The true line timings of the demo call a CallSummary names (its `sourceId` and `vendorCallId`),
 * or null when the demo has no such call. The dataset defaults to the one demo mode builds from this
 * process's environment (CALLSCOPE_DEMO_CALLS, CALLSCOPE_DEMO_LONG_CALLS).
 */
export function demoTrueLineTimings(
  sourceId: string,
  vendorCallId: string,
  dataset: SimDataset = demoDataset(process.env),
): TrueLine[] | null {
  const source = DEMO_SOURCE_IDS[sourceId];
  if (!source) return null;
  const call = dataset.callByVendorId(source, vendorCallId);
  return call ? trueLineTimings(call) : null;
}
