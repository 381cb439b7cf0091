import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/** The suites that touch the index: run a second time against PostgreSQL (lib/testing/store.ts). */
const INDEX_SUITES = [
  "lib/store/**/*.test.ts",
  "lib/sync/**/*.test.ts",
  "lib/alerts/**/*.test.ts",
  "lib/recording/**/*.test.ts",
  "lib/calls/**/*.test.ts",
  "app/api/**/*.test.ts",
  // The PostgreSQL bench fill, checked against a sync (skips itself in the SQLite project).
  "lib/testing/bulk-fill-postgres.test.ts",
];

const pgUrl = process.env.CALLSCOPE_TEST_PG_URL;
if (!pgUrl)
  console.warn(
    "vitest: the PostgreSQL half is skipped (set CALLSCOPE_TEST_PG_URL=postgres://user:pw@host/db to run the index suites on PostgreSQL too; .ci/run does)",
  );

const shared = {
  environment: "node" as const,
  pool: "forks" as const,
  testTimeout: 20_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside React's server condition; in unit tests every module is server-side.
      "server-only": `${root}lib/testing/server-only-stub.ts`,
    },
  },
  test: {
    ...shared,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["lib/**/*.test.ts", "app/**/*.test.{ts,tsx}", "components/**/*.test.{ts,tsx}"],
        },
      },
      ...(pgUrl
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: INDEX_SUITES,
                env: { CALLSCOPE_TEST_STORE: "postgres" },
                // Two cores shared: PostgreSQL and the test workers compete less with fewer forks. A
                // project with its own worker count must run as its own group, after the SQLite one.
                maxWorkers: 2,
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
    ],
  },
});
