import type { Readable } from "node:stream";

/** Chunks already buffered upstream are handed on in one pull, up to this much at once. */
const MAX_BATCH = 256 * 1024;

/**
 * A Node stream as a web ReadableStream that pulls as the browser reads: the browser's pace sets the
 * upstream read's pace, so a 200 MB recording streams with a few hundred KB in memory, and
 * cancelling (the browser went away) stops the upstream read. Whatever the socket has already
 * buffered is handed on in one pull: a pull per 64 KB socket read made the promise turns between
 * here and the browser's socket the proxy's bottleneck. (Node's `Readable.toWeb` measured 20–25 %
 * slower here on Node 20, which would put the proxy below its throughput target.)
 *
 * The controller is touched only while the stream is open: once it is closed, errored or cancelled,
 * a late `end`/`close`/`error` from the source is ignored. Closing it twice threw an uncaught
 * "Invalid state: Controller is already closed" on Node 24 when the browser went away mid-pull,
 * and an uncaught exception takes the whole server down.
 */
export function pullStream(source: Readable, onCancel?: () => void): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  /** Settles the pull that is waiting for the source, if one is. */
  let wake: (() => void) | null = null;
  const finish = (err?: unknown) => {
    if (!open) return;
    open = false;
    if (err !== undefined) controller.error(err);
    else if (source.readableEnded) controller.close();
    // Destroyed before its end: the answer is cut short, and the browser must not take it as whole.
    else controller.error(source.errored ?? new Error("the recording's upstream closed before its end"));
  };
  // Listened to for the stream's whole life, not per pull: an 'error' with no listener is an
  // uncaught exception, and that takes the server down.
  const onError = (err: Error) => {
    finish(err);
    wake?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        source.on("error", onError);
      },
      pull() {
        return new Promise<void>((resolve) => {
          const drain = (): boolean => {
            if (!open) return true;
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
              finish();
              return true;
            }
            return false;
          };
          const settle = () => {
            source.off("readable", onReadable);
            source.off("end", onEnd);
            source.off("close", onEnd);
            wake = null;
            resolve();
          };
          const onReadable = () => {
            if (drain()) settle();
          };
          const onEnd = () => {
            drain();
            finish();
            settle();
          };
          if (drain()) return resolve();
          wake = settle;
          source.on("readable", onReadable);
          source.once("end", onEnd);
          source.once("close", onEnd);
        });
      },
      cancel() {
        open = false;
        wake?.();
        onCancel?.();
        source.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
