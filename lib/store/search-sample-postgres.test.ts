import { expect, test } from "vitest";
import { POSTGRES_MIGRATIONS } from "./migrations-postgres";
import { BUCKETS, DEFAULT_SAMPLE_BELOW, sampleHash, sampleIndexesSql } from "./search-sample-postgres";

const flat = (sql: string) => sql.replace(/\s+/g, " ").replace(/\( /g, "(").trim();

test("migration 6 builds the very indexes resizeSearchSample builds, at 1/64 of the calls", () => {
  const six = POSTGRES_MIGRATIONS.find((migration) => migration.version === 6)!;
  expect(DEFAULT_SAMPLE_BELOW).toBe(BUCKETS / 64);
  for (const statement of sampleIndexesSql(DEFAULT_SAMPLE_BELOW))
    expect(flat(six.sql)).toContain(flat(statement));
  expect(six.sql).toContain(`'search_sample_below', '${DEFAULT_SAMPLE_BELOW}'`);
});

test("migrations are applied in the list's order: versions rise, each once (5 may be absent)", () => {
  const versions = POSTGRES_MIGRATIONS.map((migration) => migration.version);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  expect(new Set(versions).size).toBe(versions.length);
});

test("the hash is SQLite's: the same calls are sampled on both backends", () => {
  // SQLite: (rowid * 2654435761) % 4294967296, exact in its 64-bit integers below 3.4 billion calls.
  const sqlite = (seq: bigint) => (seq * 2654435761n) % 4294967296n;
  const postgres = (seq: bigint) => ((seq % 4294967296n) * 2654435761n) % 4294967296n;
  for (const seq of [1n, 2n, 89n, 411n, 999_999n, 3_000_000_000n]) expect(postgres(seq)).toBe(sqlite(seq));
  expect(sampleHash("seq")).toBe("(((seq % 4294967296) * 2654435761) % 4294967296)");
});
