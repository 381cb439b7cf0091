import type { Readable } from "node:stream";

/**
 * A Node stream as a web ReadableStream that pulls one chunk at a time: the browser's pace sets the
 * upstream read's pace, so a 200 MB recording streams with a few chunks in memory, and cancelling
 * (the browser went away) stops the upstream read.
 */
export function pullStream(
  source: Readable | AsyncIterable<Uint8Array>,
  onCancel?: () => void,
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (err) {
          controller.error(err);
        }
      },
      async cancel() {
        onCancel?.();
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
