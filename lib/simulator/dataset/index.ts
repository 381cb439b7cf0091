/** The simulator's ground-truth dataset (see create-dataset.ts). */
export { createDataset, DEFAULT_CALLS, DEFAULT_SEED, type SimulatedDataset } from "./create-dataset";
export { INTENT_MEANINGS } from "./conversation";
export { longRecording } from "./long-call";
export { SOURCE_AUDIO, SOURCE_TASKS } from "./tasks";
