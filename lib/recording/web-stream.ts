import type { Readable } from "node:stream";

/** Chunks already buffered upstream are handed on in one pull, up to this much at once. */
const MAX_BATCH = 256 * 1024;

/**
 * A Node stream as a web ReadableStream that pulls as the browser reads: the browser's pace sets the
 * upstream read's pace, so a 200 MB recording streams with a few hundred KB in memory, and
 * cancelling (the browser went away) stops the upstream read. Whatever the socket has already
 * buffered is handed on in one pull: a pull per 64 KB socket read made the promise turns between
 * here and the browser's socket the proxy's bottleneck.
 */
export function pullStream(source: Readable, onCancel?: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        return new Promise<void>((resolve, reject) => {
          const drain = (): boolean => {
            let size = 0;
            let chunk: Buffer | null;
            // Enqueued one by one, not concatenated: copying would double the garbage, and the
            // server's memory while streaming is what the browser's pace must bound.
            while (size < MAX_BATCH && (chunk = source.read() as Buffer | null) !== null) {
              controller.enqueue(chunk);
              size += chunk.length;
            }
            if (size > 0) return true;
            if (source.readableEnded || source.destroyed) {
              controller.close();
              return true;
            }
            return false;
          };
          const cleanup = () => {
            source.off("readable", onReadable);
            source.off("end", onEnd);
            source.off("error", onError);
            source.off("close", onEnd);
          };
          const onReadable = () => {
            if (drain()) {
              cleanup();
              resolve();
            }
          };
          const onEnd = () => {
            cleanup();
            if (!drain()) controller.close();
            resolve();
          };
          const onError = (err: Error) => {
            cleanup();
            reject(err);
          };
          if (drain()) return resolve();
          source.on("readable", onReadable);
          source.once("end", onEnd);
          source.once("close", onEnd);
          source.once("error", onError);
        });
      },
      cancel() {
        onCancel?.();
        source.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
