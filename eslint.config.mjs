import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const BROWSER_LIB = ["lib/queries/**/*.ts", "lib/calls/**/*.ts", "lib/format.ts"];
/** lib/calls holds the list's query (shared with the browser) and, in *-service.ts, the server's call services. */
const CALL_SERVICES = ["lib/calls/*-service.ts"];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "lib/testing/**"];
const UI = ["@/app", "@/app/**", "@/components", "@/components/**"];
const SERVER = ["@/lib/server", "@/lib/server/**"];
const at = (...layers) => layers.flatMap((layer) => [`@/lib/${layer}`, `@/lib/${layer}/**`]);

/** One config per layer: what it must not import (values; `allowTypes` layers may share types). */
function libLayers() {
  const layer = (files, banned, why, allowTypes = [], ignores = []) => ({
    files,
    ignores: [...TESTS, ...ignores],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: banned, message: why },
            ...(allowTypes.length
              ? [{ group: allowTypes, message: `${why} (type imports are fine)`, allowTypeImports: true }]
              : []),
          ],
        },
      ],
    },
  });
  return [
    layer(
      ["lib/**/*.ts"],
      UI,
      "lib/ never imports app/ or components/: the app depends on lib, not the other way round.",
      [],
      // Browser-safe lib code has its own rule below (the same rule name: one config per file).
      BROWSER_LIB.filter((glob) => glob !== "lib/calls/**/*.ts"),
    ),
    layer(
      CALL_SERVICES,
      [
        ...UI,
        ...SERVER,
        ...at("simulator", "auth", "queries", "recording"),
        // A source's display name is a pure helper that happens to live with sync.
        "@/lib/sync/**",
        "!@/lib/sync/source-name",
      ],
      "The call services read the index and the vendors for the routes; sessions, sync and recordings sit elsewhere.",
    ),
    layer(
      ["lib/vendors/**/*.ts"],
      [...UI, ...SERVER, ...at("store", "sync", "recording", "auth", "queries", "simulator")],
      "A vendor adapter talks to its vendor and returns canonical calls; it knows nothing of the index, sync or sessions.",
    ),
    layer(
      ["lib/store/**/*.ts"],
      // The number detector is pure text: search indexes whole numbers with the same rules as the masking.
      [...UI, ...SERVER, ...at("sync", "recording", "simulator"), "@/lib/auth/**", "!@/lib/auth/pii"],
      "The store keeps what sync gives it; it does not call up into sync, routes or services.",
      at("vendors/types", "vendors/index"),
    ),
    layer(
      ["lib/sync/**/*.ts"],
      [...UI, ...SERVER, ...at("recording", "simulator", "auth", "queries")],
      "Sync pulls vendors into the store; routes and services sit above it.",
    ),
    layer(
      ["lib/audio/**/*.ts", "lib/transcript/**/*.ts"],
      [...UI, ...SERVER, ...at("store", "sync", "vendors", "recording", "simulator", "auth", "config")],
      "Audio and transcript helpers are pure: bytes and text in, numbers and text out.",
    ),
    layer(
      ["lib/simulator/**/*.ts"],
      [...UI, ...SERVER, ...at("store", "sync", "auth", "queries")],
      "The simulator is a fake vendor: it may share wire helpers with the adapters, never the app's state.",
    ),
    layer(
      ["lib/recording/**/*.ts"],
      [...UI, ...SERVER, ...at("sync", "simulator", "auth", "queries")],
      "Recording services read calls (lib/calls) and audio; they do not reach into routes, sync or sessions.",
    ),
    layer(
      ["lib/metrics/**/*.ts"],
      [...UI, ...at("store", "sync", "vendors", "recording", "simulator")],
      "Metrics are a leaf every layer records into; they import none of them.",
    ),
  ];
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
