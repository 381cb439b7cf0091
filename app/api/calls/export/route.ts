import { serializeCallQuery } from "@/lib/calls/query";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";
import { readListQuery } from "@/lib/server/list-query";
import { presentSummary } from "@/lib/server/present";
import { BOM, CSV_COLUMNS, csvLine, csvRow } from "./csv";

export const dynamic = "force-dynamic";

/** Rows read from the index per chunk written: memory stays flat however many calls match. */
const BATCH = 500;

/**
 * GET /api/calls/export — every call matching the filters (same parameters as GET /api/calls), in the
 * list's order, as CSV. Streamed a batch at a time; numbers masked for operators, as everywhere.
 * The export is audited when the stream ends, with the number of rows that went out.
 */
export const GET = route("operator", async ({ req, runtime, session }) => {
  const query = await readListQuery(req, runtime, session);
  const batches = runtime.calls.export(query, BATCH);
  const encoder = new TextEncoder();
  const queryString = serializeCallQuery(query).toString();
  let rows = 0;
  let audited = false;
  const record = async (complete: boolean) => {
    if (audited) return;
    audited = true;
    await audit(
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
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          // Audited before the end goes out: whoever has read the whole file finds it in the log.
          await record(true);
          controller.close();
          return;
        }
        const { calls, annotations } = next.value;
        let chunk = "";
        for (const call of calls) chunk += csvRow(presentSummary(call, session), annotations.get(call.id));
        rows += calls.length;
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        // Headers are gone already: all that is left is to break the download (never a silently short file).
        await record(false);
        controller.error(err);
      }
    },
    async cancel() {
      // The browser gave up (download cancelled): stop reading the index, and say so in the audit log.
      await record(false);
      await batches.return(undefined);
    },
  });

  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${runtime.calls.exportFileName(new Date())}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
