// @echogarden/fvad-wasm (dev only: lib/audio/vad-compare.test.ts) ships no types.
declare module "@echogarden/fvad-wasm";
