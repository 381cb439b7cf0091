import type { Readable } from "node:stream";

/** Chunks already buffered upstream are handed on together, up to this much at once. */
const MAX_BATCH = 1024 * 1024;

/**
 * A Node stream as a web ReadableStream that pulls as the browser reads: the browser's pace sets the
 * upstream read's pace, so a 200 MB recording streams with about a megabyte in memory, and
 * cancelling (the browser went away) stops the upstream read. Whatever the socket has already
 * buffered goes out as one chunk: every chunk costs a few promise turns between here and the
 * browser's socket, and 64 KB socket reads made those turns the proxy's bottleneck.
 */
export function pullStream(source: Readable, onCancel?: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        return new Promise<void>((resolve, reject) => {
          const drain = (): boolean => {
            const chunks: Buffer[] = [];
            let size = 0;
            let chunk: Buffer | null;
            while (size < MAX_BATCH && (chunk = source.read() as Buffer | null) !== null) {
              chunks.push(chunk);
              size += chunk.length;
            }
            if (chunks.length) {
              controller.enqueue(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
              return true;
            }
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
