import type { Sql } from "../sql/executor";
import { searchDocument, tsVector } from "../search-text";
import { UTTERANCE_COLUMNS } from "./rows";

/**
 * Writes one call's search document: FTS5 takes the token text (rowid = seq); PostgreSQL a
 * tsvector of the same tokens at the same positions. Both from searchDocument: one document.
 */
export async function writeSearch(
  sql: Sql,
  call: { seq: number; sourceId: string },
  texts: readonly string[],
): Promise<void> {
  const document = searchDocument(texts);
  if (sql.dialect.name === "postgres") {
    await sql.run(
      `INSERT INTO calls_search (source_id, call_seq, body) VALUES (?, ?, ?::tsvector)
       ON CONFLICT (source_id, call_seq) DO UPDATE SET body = excluded.body`,
      [call.sourceId, call.seq, tsVector(document)],
    );
  } else {
    await sql.run("DELETE FROM calls_search WHERE rowid = ?", [call.seq]);
    await sql.run("INSERT INTO calls_search (rowid, body) VALUES (?, ?)", [call.seq, document]);
  }
}

/** Rebuilds every call's search document (after indexTokens changed); returns how many calls. */
export async function reindexSearch(sql: Sql): Promise<number> {
  const rows = await sql.all<{ seq: number; source_id: string; callee: string; caller: string | null }>(
    "SELECT seq, source_id, callee, caller FROM calls",
  );
  await sql.tx(async (tx) => {
    for (const row of rows) {
      const lines = await tx.all<{ text: string }>(
        `SELECT ${UTTERANCE_COLUMNS} FROM utterances WHERE call_seq = ? ORDER BY position`,
        [row.seq],
      );
      await writeSearch(tx, { seq: Number(row.seq), sourceId: row.source_id }, [
        row.callee,
        row.caller ?? "",
        ...lines.map((line) => line.text),
      ]);
    }
  });
  return rows.length;
}
