import { Neighbors } from "@/lib/api/calls";
import { AppError, answerAs } from "@/lib/errors";
import { otherMethods, route } from "@/lib/server/handler";
import { readListQuery } from "@/lib/server/list-query";

export const dynamic = "force-dynamic";

/** GET /api/calls/{id}/neighbors?<list query> — the previous and next call of that list, for n/p on the call page. */
export const GET = route<{ id: string }>("operator", async ({ req, params, runtime, session }) => {
  const query = await readListQuery(req, runtime, session);
  const neighbors = await runtime.calls.neighbors(params.id, query);
  if (!neighbors) throw new AppError("not_found", `no call with id ${params.id}`);
  return Response.json(answerAs(Neighbors, neighbors), { headers: { "cache-control": "private, no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
