import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const BROWSER_LIB = ["lib/queries/**/*.ts", "lib/calls/**/*.ts", "lib/format.ts"];
/** lib/calls holds the list's query (shared with the browser) and, in *-service.ts, the server's call services. */
const CALL_SERVICES = ["lib/calls/*-service.ts"];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "lib/testing/**"];
const SERVER = ["@/lib/server", "@/lib/server/**"];
const at = (...layers) => layers.flatMap((layer) => [`@/lib/${layer}`, `@/lib/${layer}/**`]);

/** Above every lib/ layer but lib/server (the routes' own side of lib). */
const ABOVE = ["app", "components", "server"];
/** Everything with state or I/O: what a pure layer (audio, text, sampling) must not reach. */
const STATEFUL = ["store", "sync", "vendors", "recording", "simulator", "auth", "config", "calls"];

/**
 * The lib/ layers, one row each: the files, what they must not import (`never`, with `neverExcept`'s
 * files of a layer let through), what they may import for its types only (`typesOnly`), and why. A
 * layer is a folder of lib/ or a file at its top ("config"), or app/components. Each row becomes two
 * rules: @typescript-eslint/no-restricted-imports on the `@/` specifier (with the reason, and type
 * imports where allowed), and import/no-restricted-paths on the resolved file, which a relative
 * `../store/…` cannot get round.
 */
const LIB_LAYERS = [
  {
    files: ["lib/**/*.ts"],
    // Browser-safe lib code has its own specifier rule (further down the file: the same rule name, and
    // the last config that matches a file decides it) and its own row at the end of this table.
    ignores: BROWSER_LIB,
    never: ["app", "components"],
    why: "lib/ never imports app/ or components/: the app depends on lib, not the other way round.",
  },
  {
    files: CALL_SERVICES,
    never: [...ABOVE, "simulator", "auth", "queries", "recording", "alerts", "review"],
    // A source's display name is a pure helper that happens to live with sync.
    neverExcept: { sync: ["source-name"] },
    why: "The call services read the index and the vendors for the routes; sessions, sync and recordings sit elsewhere.",
  },
  {
    files: ["lib/vendors/**/*.ts"],
    never: [
      ...ABOVE,
      "store",
      "sync",
      "recording",
      "auth",
      "queries",
      "simulator",
      "calls",
      "alerts",
      "review",
    ],
    why: "A vendor adapter talks to its vendor and returns canonical calls; it knows nothing of the index, sync or sessions.",
  },
  {
    files: ["lib/store/**/*.ts"],
    never: [...ABOVE, "sync", "recording", "simulator", "calls/*-service"],
    // The number detector is pure text: search indexes whole numbers with the same rules as the masking.
    neverExcept: { auth: ["pii"] },
    typesOnly: ["vendors/types", "vendors/index", "queries"],
    why: "The store keeps what sync gives it; it does not call up into sync, routes or services.",
  },
  {
    files: ["lib/sync/**/*.ts"],
    never: [...ABOVE, "recording", "simulator", "auth", "queries", "calls", "alerts", "review"],
    typesOnly: ["store"],
    why: "Sync pulls vendors into the store; routes and services sit above it.",
  },
  {
    files: ["lib/audio/**/*.ts", "lib/transcript/**/*.ts"],
    never: [...ABOVE, ...STATEFUL],
    why: "Audio and transcript helpers are pure: bytes and text in, numbers and text out.",
  },
  {
    files: ["lib/simulator/**/*.ts"],
    never: [...ABOVE, "store", "sync", "auth", "queries", "calls", "alerts"],
    why: "The simulator is a fake vendor: it may share wire helpers with the adapters, never the app's state.",
  },
  {
    files: ["lib/recording/**/*.ts"],
    never: [...ABOVE, "sync", "simulator", "auth", "queries", "alerts"],
    typesOnly: ["store", "calls"],
    why: "Recording services read calls (lib/calls) and audio; they do not reach into routes, sync or sessions.",
  },
  {
    files: ["lib/metrics/**/*.ts"],
    never: ["app", "components", "store", "sync", "vendors", "recording", "simulator", "calls", "alerts"],
    typesOnly: ["auth"],
    why: "Metrics are a leaf every layer records into; they import none of them.",
  },
  {
    files: ["lib/auth/**/*.ts"],
    never: [...ABOVE, "sync", "vendors", "recording", "simulator", "queries", "calls", "alerts"],
    typesOnly: ["store"],
    why: "Sessions, roles and masking sit under the routes: they read the store's types, not the services.",
  },
  {
    files: ["lib/alerts/**/*.ts"],
    never: [...ABOVE, "sync", "vendors", "recording", "simulator", "queries", "calls"],
    typesOnly: ["store"],
    why: "Alerts match text and notify group robots; the store and sync call them, not the other way round.",
  },
  {
    files: ["lib/review/**/*.ts"],
    never: [...ABOVE, ...STATEFUL, "alerts"],
    why: "Sampling is pure: candidates in, a sample out (the store draws batches with it).",
  },
  {
    files: ["lib/api/**/*.ts", "lib/openapi/**/*.ts"],
    never: [...ABOVE, "store", "sync", "vendors", "recording", "auth", "alerts", "calls/*-service"],
    // The fault modes are a word list the admin API accepts.
    neverExcept: { simulator: ["faults"] },
    why: "The API's schemas and their document describe the routes; they hold no state and call no service.",
  },
  {
    // Browser code: its specifier rule is the one above (zod and the model's schemas too); this row adds
    // the resolved-path check. Its server-side neighbours (the call services) have their own row.
    files: ["components/**/*.{ts,tsx}", ...BROWSER_LIB],
    ignores: [...CALL_SERVICES],
    pathsOnly: true,
    never: [
      "app",
      "server",
      "vendors",
      "store",
      "sync",
      "simulator",
      "auth",
      "recording",
      "config",
      "calls/*-service",
    ],
    // The call page highlights an alert's phrase with the index's own (pure) matching rule.
    neverExcept: { alerts: ["match"] },
    why: "Browser code imports neither the app nor server modules.",
  },
];

/** `@/` specifiers of a layer name ("store", "calls/*-service", "app"). */
const specifiers = (name) => {
  const root = name === "app" || name === "components" ? `@/${name}` : `@/lib/${name}`;
  return name.includes("*") ? [root] : [root, `${root}/**`];
};
/** The same layer as paths from the project's root (a folder, a file, or a glob). */
const paths = (name) => {
  if (name === "app" || name === "components") return [`${name}/**`];
  if (name.includes("*")) return [`lib/${name}.ts`];
  return [`lib/${name}/**`, `lib/${name}.{ts,tsx}`];
};

function libLayers() {
  return LIB_LAYERS.map(
    ({ files, ignores = [], pathsOnly = false, never, neverExcept = {}, typesOnly = [], why }) => {
      const banned = [
        ...never.flatMap(specifiers),
        ...Object.entries(neverExcept).flatMap(([name, allowed]) => [
          `@/lib/${name}/**`,
          ...allowed.map((file) => `!@/lib/${name}/${file}`),
        ]),
      ];
      const zones = [
        { target: files, from: never.flatMap(paths), message: why },
        ...Object.entries(neverExcept).map(([name, allowed]) => ({
          target: files,
          from: [`lib/${name}/**`],
          // Exceptions of a glob zone are matched against the resolved, absolute path.
          except: allowed.map((file) => `${ROOT}/lib/${name}/${file}.{ts,tsx}`),
          message: why,
        })),
      ];
      return {
        files,
        ignores: [...TESTS, ...ignores],
        rules: {
          "import/no-restricted-paths": ["error", { basePath: ROOT, zones }],
          ...(pathsOnly
            ? {}
            : {
                "@typescript-eslint/no-restricted-imports": [
                  "error",
                  {
                    patterns: [
                      { group: banned, message: why },
                      ...(typesOnly.length
                        ? [
                            {
                              group: typesOnly.flatMap(specifiers),
                              message: `${why} (type imports are fine)`,
                              allowTypeImports: true,
                            },
                          ]
                        : []),
                    ],
                  },
                ],
              }),
        },
      };
    },
  );
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Next.js bundles each route separately, so an error class exists several times in one process:
      // recognise errors by their brand (isAppError, isVendorError, …; lib/error-kind.ts).
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "BinaryExpression[operator='instanceof'][right.name=/^(AppError|VendorError|RecordingRefused|QueryError|ConfigError|DatasetMismatch|WavError|UnsupportedAudio|ZodError|BrokenCircuitError)$/]",
          message:
            "instanceof fails across Next.js bundles: use the class's is…() check (lib/error-kind.ts).",
        },
      ],
    },
  },
  {
    // The browser side may only see the canonical model, the query layer and UI helpers:
    // server modules hold vendor secrets and must never reach a client bundle.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/vendors/**",
                "@/lib/store/**",
                "@/lib/sync/**",
                "@/lib/simulator/**",
                "@/lib/auth/**",
                "@/lib/config",
                "@/lib/server/**",
              ],
              message:
                "Client components must not import server modules; go through lib/queries or lib/model.",
            },
          ],
        },
      ],
    },
  },
  {
    // Browser code takes the model's types, never its schemas: zod stays out of client bundles (the
    // server validates every answer before sending it). Word lists come from lib/vocabulary.
    files: ["components/**/*.{ts,tsx}", ...BROWSER_LIB],
    ignores: [...CALL_SERVICES, "lib/calls/*-service.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "zod", message: "No schema library in browser code.", allowTypeImports: true },
            {
              name: "@/lib/model",
              message: "Import types only (lists are in @/lib/vocabulary).",
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: [
                "@/app",
                "@/app/**",
                ...SERVER,
                ...at("vendors", "store", "sync", "simulator", "auth", "recording", "config"),
              ],
              message: "Browser code imports neither the app nor server modules.",
            },
          ],
        },
      ],
    },
  },
  // The lib/ layers (ARCHITECTURE.md): data flows vendors → sync → store → routes, never back up.
  // Tests and lib/testing wire layers together on purpose and are left out.
  ...libLayers(),
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "data/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
