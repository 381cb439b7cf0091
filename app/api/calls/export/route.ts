import { serializeCallQuery } from "@/lib/calls/query";
import type { CallSummary } from "@/lib/model";
import { audit } from "@/lib/server/audit";
import { route } from "@/lib/server/handler";
import { readListQuery } from "@/lib/server/list-query";
import { presentSummary } from "@/lib/server/present";
import { BOM, CSV_COLUMNS, csvLine, csvRow } from "./csv";

export const dynamic = "force-dynamic";

/** Rows read from the index per chunk written: memory stays flat however many calls match. */
const BATCH = 500;

/** `callscope-calls-20261120-1405.csv`, in the deployment's time zone. */
function fileName(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `callscope-calls-${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}.csv`;
}

/**
 * GET /api/calls/export — every call matching the filters (same parameters as GET /api/calls), in the
 * list's order, as CSV. Streamed a batch at a time; numbers masked for operators, as everywhere.
 * The export is audited when the stream ends, with the number of rows that went out.
 */
export const GET = route("operator", ({ req, runtime, session }) => {
  const query = readListQuery(req, runtime, session);
  const calls = runtime.store.calls.iterate({ ...query, cursor: null }, runtime.config.timezone, BATCH);
  const encoder = new TextEncoder();
  const queryString = serializeCallQuery(query).toString();
  let rows = 0;
  let audited = false;
  const record = (complete: boolean) => {
    if (audited) return;
    audited = true;
    audit(
      runtime,
      session,
      req,
      "calls.export",
      null,
      complete ? { query: queryString, rows } : { query: queryString, rows, complete: false },
    );
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvLine([...CSV_COLUMNS])));
    },
    pull(controller) {
      let chunk = "";
      try {
        const batch: CallSummary[] = [];
        let finished = false;
        while (batch.length < BATCH) {
          const next = calls.next();
          if (next.done) {
            finished = true;
            break;
          }
          batch.push(next.value);
        }
        // One query per chunk for the annotation counts, not one per row.
        const counts = runtime.store.annotations.countsFor(batch.map((call) => call.id));
        for (const call of batch) chunk += csvRow(presentSummary(call, session), counts.get(call.id));
        rows += batch.length;
        if (finished) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          record(true);
          return;
        }
      } catch (err) {
        // Headers are gone already: all that is left is to break the download (never a silently short file).
        record(false);
        controller.error(err);
        return;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      // The browser gave up (download cancelled): stop reading the index, and say so in the audit log.
      calls.return(undefined);
      record(false);
    },
  });

  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName(new Date(), runtime.config.timezone)}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
