import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    files: ["components/**/*.{ts,tsx}", "lib/queries/**/*.ts", "lib/calls/**/*.ts", "lib/format.ts"],
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
        },
      ],
    },
  },
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
