import { PassThrough, Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { pullStream } from "./web-stream";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return Buffer.concat(chunks);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("pullStream (Node stream → web stream for the recording proxy)", () => {
  test("hands on every byte, in order", async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
    const source = Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]);
    expect((await readAll(pullStream(source))).equals(bytes)).toBe(true);
  });

  test("the browser goes away while a pull waits: the source is destroyed, nothing throws afterwards", async () => {
    const source = new PassThrough();
    let cancelled = 0;
    const reader = pullStream(source, () => cancelled++).getReader();
    source.write(Buffer.alloc(10));
    await reader.read();
    const pending = reader.read(); // waits for data that never comes
    await tick();
    await reader.cancel();
    // A late end, close and error from the source must not touch the closed controller (Node 24
    // threw "Invalid state: Controller is already closed" from an event listener: uncaught).
    source.emit("end");
    source.emit("close");
    await tick();
    expect(cancelled).toBe(1);
    expect(source.destroyed).toBe(true);
    expect((await pending).done).toBe(true);
  });

  test("a source destroyed before its end errors the stream: a cut recording is never taken as whole", async () => {
    const source = new PassThrough();
    const reader = pullStream(source).getReader();
    source.write(Buffer.alloc(10));
    await reader.read();
    const pending = reader.read();
    source.destroy();
    await expect(pending).rejects.toThrow(/closed before its end/);
  });

  test("an upstream error reaches the reader once", async () => {
    const source = new PassThrough();
    const reader = pullStream(source).getReader();
    const pending = reader.read();
    source.destroy(new Error("ECONNRESET"));
    await expect(pending).rejects.toThrow("ECONNRESET");
    await tick();
  });
});
