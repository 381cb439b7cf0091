/**
 * Runs once when the server starts: stamps each request with the address it really came from (see
 * lib/server/peer.ts), caps the heap's growth (lib/server/heap.ts), loads the config (a bad file or
 * environment value stops start-up with a message naming it), opens the index, starts the simulator
 * in demo mode and the first sync.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` runs this too, in its page workers: nothing to start there.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { stampPeers } = await import("./lib/server/peer");
  stampPeers();
  const { boot } = await import("./lib/server/boot");
  await boot();
}
