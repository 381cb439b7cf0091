/**
 * `tsx lib/simulator/timing/true-lines-cli.ts <sourceId> <vendorCallId>` — prints the true line
 * timings of one demo call as JSON (null when the demo has no such call), for e2e specs: Playwright's
 * loader cannot import the simulator's modules, so they ask this in a child process.
 */
import { demoTrueLineTimings } from "./true-lines";

const [sourceId, vendorCallId] = process.argv.slice(2);
if (!sourceId || !vendorCallId) {
  console.error("usage: true-lines-cli.ts <sourceId> <vendorCallId>");
  process.exit(2);
}
console.log(JSON.stringify(demoTrueLineTimings(sourceId, vendorCallId)));
