import "server-only";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE, DEFAULT_TIMEZONE } from "./defaults";
import { didYouMean } from "./did-you-mean";
import { brandError, isErrorKind } from "./error-kind";
import { describeZodError } from "./errors";
import { Role } from "./model";
import { registerSecret } from "./secrets";
import { sourceSchema, sourceSecrets, VENDOR_PLUGINS, type RegisteredSource } from "./vendors/index";
import type { VendorRegistry } from "./vendors/plugin";
import { Secret, TimeZone } from "./vendors/source-fields";

/**
 * The configuration file of CONTRACT.md §1. Loaded once at start-up; a bad file stops the server
 * with a message naming the field. No file at all means demo mode (see lib/simulator/demo.ts).
 */

export { DEFAULT_DATABASE, DEFAULT_TIMEZONE } from "./defaults";

/** Environment variables as config loading reads them (process.env, or a test's own). */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
    brandError(this, "ConfigError");
  }
}

/** A ConfigError from any bundle's copy of this class (see lib/error-kind.ts). */
export function isConfigError(value: unknown): value is ConfigError {
  return isErrorKind(value, "ConfigError");
}

/**
 * A source: one strict object per vendor, each owned by its folder (lib/vendors/<vendor>/config.ts) and
 * listed in lib/vendors/registry.ts. A vendor field of a vendor the registry lacks names the ones it has.
 */
export const SourceConfig = sourceSchema(VENDOR_PLUGINS);
export type SourceConfig = RegisteredSource;

export { ROLES, Role } from "./model";

export const UserConfig = z.strictObject({
  username: z.string().min(1).max(64),
  role: Role,
  passwordHash: z
    .string()
    .regex(/^scrypt\$/, "must be what `npm run user:hash -- <password>` prints (scrypt$…)"),
  name: z.string().optional(),
});
export type UserConfig = z.infer<typeof UserConfig>;

const HostPattern = z
  .string()
  .regex(
    /^(\*\.)?[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/,
    "a host name, optionally '*.'-prefixed",
  );

/** A group robot that hears about alerting calls (CONTRACT.md §1). Its URL carries a token: a secret. */
export const AlertNotify = z
  .strictObject({
    kind: z.enum(["dingtalk", "wecom", "feishu"], { error: "must be one of dingtalk, wecom, feishu" }),
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL (the group robot's webhook)" }),
    /** DingTalk's and Feishu's signing secret ("加签"); WeCom robots have none. */
    secret: Secret.optional(),
  })
  .refine((notify) => !(notify.kind === "wecom" && notify.secret), {
    message: "WeCom group robots are not signed: leave secret out",
    path: ["secret"],
  });
export type AlertNotify = z.infer<typeof AlertNotify>;

export const AlertConfig = z.strictObject({
  // Names travel in list URLs as a comma-separated `alert=` value.
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(40)
    .refine((name) => !name.includes(","), "must not contain a comma"),
  phrases: z.array(z.string().trim().min(1, "must not be empty").max(100)).min(1, "list at least one phrase"),
  notify: AlertNotify.optional(),
});
export type AlertConfig = z.infer<typeof AlertConfig>;

/** An IP address or a CIDR block: what `trustProxy` lists. */
const ProxyAddress = z.string().refine((value) => {
  const [address, bits, ...rest] = value.split("/");
  const family = net.isIP(address ?? "");
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}, "an IP address or a CIDR block (10.0.0.0/8, fd00::/8)");

/**
 * The whole file. Built from a vendor registry so a test can add a vendor of its own
 * (lib/vendors/registry.test.ts); the app's is `Config`, over lib/vendors/registry.ts.
 */
export function configSchema<R extends VendorRegistry>(vendors: R) {
  return z
    .strictObject({
      sources: z.array(sourceSchema(vendors)).default([]),
      timezone: TimeZone.default(DEFAULT_TIMEZONE),
      recordingHosts: z.array(HostPattern).default([]),
      users: z.array(UserConfig).default([]),
      auth: z.literal("none").optional(),
      /**
       * Addresses or CIDR blocks of the reverse proxies in front of Callscope. X-Forwarded-For and
       * X-Forwarded-Proto are believed only from them; by default from nobody.
       */
      trustProxy: z.array(ProxyAddress).optional(),
      /**
       * Host names the site answers to without sign-in (`"auth": "none"` and demo mode), against DNS
       * rebinding; default localhost, 127.0.0.1 and ::1.
       */
      allowedHosts: z.array(HostPattern).optional(),
      database: z.string().min(1).default(DEFAULT_DATABASE),
      /** Minutes between background syncs; 0 turns the schedule off (syncs still run on demand). */
      syncIntervalMinutes: z
        .number()
        .min(0)
        .max(24 * 60)
        .default(5),
      /** Phrases that flag a call (computed at sync; the index is re-read when they change). */
      alerts: z.array(AlertConfig).default([]),
      /** A bearer token that may read /api/metrics without a session (write it as "env:NAME"). */
      metricsToken: z.string().min(16, "at least 16 characters").optional(),
      /**
       * Analyse answered calls' recordings in the background after each sync (speech, alignment, the
       * list's conversation metrics); default true. Off: a call is analysed when someone opens it.
       */
      backgroundAnalysis: z.boolean().optional(),
    })
    .superRefine((config, ctx) => {
      const seen = new Set<string>();
      config.sources.forEach((source, i) => {
        if (seen.has(source.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["sources", i, "id"],
            message: `duplicate source id "${source.id}"`,
          });
        }
        seen.add(source.id);
      });
      const users = new Set<string>();
      config.users.forEach((user, i) => {
        if (users.has(user.username)) {
          ctx.addIssue({
            code: "custom",
            path: ["users", i, "username"],
            message: `duplicate user "${user.username}"`,
          });
        }
        users.add(user.username);
      });
      const alerts = new Set<string>();
      config.alerts.forEach((alert, i) => {
        if (alerts.has(alert.name)) {
          ctx.addIssue({
            code: "custom",
            path: ["alerts", i, "name"],
            message: `duplicate alert "${alert.name}"`,
          });
        }
        alerts.add(alert.name);
      });
      if (config.sources.length > 0 && config.users.length === 0 && config.auth !== "none") {
        ctx.addIssue({
          code: "custom",
          path: ["users"],
          message:
            'no users are configured, so nobody could sign in. Add users (npm run user:hash -- <password>), or set "auth": "none" to run without sign-in on a trusted network',
        });
      }
    });
}
export const Config = configSchema(VENDOR_PLUGINS);
export type Config = z.infer<typeof Config>;
/** The config as a registry's vendors make it. */
export type ConfigOf<R extends VendorRegistry> = z.infer<ReturnType<typeof configSchema<R>>>;

export type LoadedConfig =
  { mode: "file"; path: string; config: Config } | { mode: "demo"; path: null; config: null };

/** Where the config file is looked for: `CALLSCOPE_CONFIG`, else `./callscope.config.json`. */
export function configPath(env: Env = process.env): string {
  // The config is the operator's file, read at run time: not part of the build's traced files.
  return path.resolve(/*turbopackIgnore: true*/ env.CALLSCOPE_CONFIG || "callscope.config.json");
}

export function loadConfig(env: Env = process.env): LoadedConfig {
  // CALLSCOPE_DEMO=1 forces demo mode even where a config file exists (e2e specs, benchmarks).
  if (env.CALLSCOPE_DEMO === "1") return { mode: "demo", path: null, config: null };
  const file = configPath(env);
  let text: string;
  try {
    text = fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      if (env.CALLSCOPE_CONFIG)
        throw new ConfigError(`CALLSCOPE_CONFIG points at ${file}, which does not exist`);
      return { mode: "demo", path: null, config: null };
    }
    throw new ConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return { mode: "file", path: file, config: parseConfig(text, file, env) };
}

export function parseConfig(text: string, file: string, env?: Env): Config;
export function parseConfig<R extends VendorRegistry>(
  text: string,
  file: string,
  env: Env,
  vendors: R,
): ConfigOf<R>;
export function parseConfig(
  text: string,
  file: string,
  env: Env = process.env,
  vendors: VendorRegistry = VENDOR_PLUGINS,
): ConfigOf<VendorRegistry> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const resolved = resolveEnvReferences(raw, [], env, file);
  const schema = configSchema(vendors);
  const result = schema.safeParse(resolved);
  if (!result.success) {
    throw new ConfigError(`${file}: ${describeConfigError(result.error, resolved, schema)}`);
  }
  const config = result.data;
  if (env.CALLSCOPE_DATABASE) config.database = env.CALLSCOPE_DATABASE;
  registerConfigSecrets(config, vendors);
  return config;
}

/** Replaces every `"env:NAME"` string with the environment variable NAME, naming the field when it is unset. */
function resolveEnvReferences(value: unknown, at: (string | number)[], env: Env, file: string): unknown {
  if (typeof value === "string" && value.startsWith("env:")) {
    const name = value.slice(4);
    const found = env[name];
    if (found === undefined || found === "") {
      throw new ConfigError(`${file}: ${formatAt(at)}: environment variable ${name} is not set`);
    }
    return found;
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveEnvReferences(item, [...at, i], env, file));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveEnvReferences(item, [...at, key], env, file)]),
    );
  }
  return value;
}

function formatAt(at: (string | number)[]): string {
  return at
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${part}`))
    .join("");
}

/**
 * Like describeZodError, but an unknown key (a typo the strict schemas refuse) is named with its full
 * path and the nearest known key: `sources[0].acessKeyId: unknown key (did you mean "accessKeyId"?)`.
 */
function describeConfigError(error: z.ZodError, raw: unknown, schema: z.core.$ZodType): string {
  const issues = error.issues.flatMap<z.core.$ZodIssue>((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => {
          const known = knownKeys(schema, issue.path, raw);
          const guess = didYouMean(key, known);
          return {
            ...issue,
            path: [...issue.path, key],
            message: `unknown key${guess ? ` (did you mean "${guess}"?)` : known.length ? ` (known keys: ${known.join(", ")})` : ""}`,
          };
        })
      : [issue],
  );
  // A typo usually explains the other complaints (a misspelt required key is also "missing"): it comes first.
  const typosFirst = [
    ...issues.filter((issue) => issue.message.startsWith("unknown key")),
    ...issues.filter((issue) => !issue.message.startsWith("unknown key")),
  ];
  return describeZodError(new z.ZodError(typosFirst));
}

/** The keys the schema allows for the object at `path` of `raw` (a source's depend on its vendor). */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[], raw: unknown): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
      return knownKeys(def.innerType as z.core.$ZodType, path, raw);
    case "pipe":
      return knownKeys(def.in as z.core.$ZodType, path, raw);
    case "union": {
      const options = def.options as z.core.$ZodType[];
      const tag = def.discriminator as string | undefined;
      const value = tag && raw && typeof raw === "object" ? (raw as Record<string, unknown>)[tag] : undefined;
      const chosen = options.find((option) => {
        const shape = (option._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
        const literal = tag ? (shape?.[tag]?._zod.def as { values?: unknown[] } | undefined) : undefined;
        return literal?.values?.includes(value);
      });
      return chosen ? knownKeys(chosen, path, raw) : [];
    }
    case "array": {
      const [index, ...rest] = path;
      return knownKeys(
        def.element as z.core.$ZodType,
        rest,
        Array.isArray(raw) ? raw[index as number] : undefined,
      );
    }
    case "object": {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      if (path.length === 0) return Object.keys(shape);
      const [key, ...rest] = path;
      const child = shape[key as string];
      const value =
        raw && typeof raw === "object" ? (raw as Record<string, unknown>)[key as string] : undefined;
      return child ? knownKeys(child, rest, value) : [];
    }
    default:
      return [];
  }
}

function registerConfigSecrets(config: ConfigOf<VendorRegistry>, vendors: VendorRegistry): void {
  // A group robot's URL holds its access token: as secret as the signing key.
  for (const alert of config.alerts) {
    registerSecret(alert.notify?.url);
    if (alert.notify) new URL(alert.notify.url).searchParams.forEach((value) => registerSecret(value));
    registerSecret(alert.notify?.secret);
  }
  if (config.metricsToken) registerSecret(config.metricsToken);
  for (const source of config.sources) sourceSecrets(source, vendors).forEach(registerSecret);
}

/** `file:./data/callscope.db` → an absolute path; a bare path is accepted too. */
/** Where the index lives: a SQLite file (or ":memory:"), or a PostgreSQL server several instances share. */
export type DatabaseLocation = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/**
 * The `database` value (or CALLSCOPE_DATABASE): `postgres://…` / `postgresql://…` is PostgreSQL;
 * `file:PATH`, a plain path or ":memory:" is SQLite; any other URL scheme is refused, naming the
 * field and never echoing the value (it may hold a password).
 */
export function databaseLocation(database: string): DatabaseLocation {
  if (/^postgres(?:ql)?:\/\//i.test(database)) {
    try {
      const url = new URL(database);
      if (!url.hostname && !url.searchParams.get("host")) throw new Error("no host");
    } catch {
      throw new ConfigError(
        "database (or CALLSCOPE_DATABASE): not a valid PostgreSQL URL (postgres://user:password@host:5432/db)",
      );
    }
    return { kind: "postgres", url: database };
  }
  return { kind: "sqlite", file: databasePath(database) };
}

/** The SQLite file of a `database` value; a URL of any other scheme (PostgreSQL's too) is not a path. */
export function databasePath(database: string): string {
  if (database === ":memory:" || database === "file::memory:") return ":memory:";
  // A URL such as postgres://user:pw@host/db must never become a relative folder named after it (with the
  // password in the folder's name). Only `file:` and plain paths are SQLite; the value itself is not echoed.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(database)?.[1]?.toLowerCase();
  if (scheme && scheme !== "file") {
    const what = scheme.startsWith("postgres")
      ? "a PostgreSQL URL is not a file path (databaseLocation opens it)"
      : `the URL scheme "${scheme}:" is not a database Callscope can use`;
    throw new ConfigError(
      `database (or CALLSCOPE_DATABASE): ${what}; use file:PATH or a path for SQLite, or postgres://…`,
    );
  }
  return path.resolve(database.replace(/^file:/, ""));
}

export { isTimeZone } from "./vendors/source-fields";

/** Background analysis of recordings: on unless the config or env CALLSCOPE_BACKGROUND_ANALYSIS=0 turns it off. */
export function backgroundAnalysisOn(config: Pick<Config, "backgroundAnalysis">, env: Env): boolean {
  if (env.CALLSCOPE_BACKGROUND_ANALYSIS === "0") return false;
  return config.backgroundAnalysis !== false;
}

/** How long a sync lease holds without renewal, by default (README: "Running several instances"). */
export const DEFAULT_SYNC_LEASE_MS = 30_000;

/**
 * A whole number from the environment variable `name`, within `min`–`max`; null when it is unset or
 * empty. Anything else is a ConfigError naming the variable: start-up stops with it.
 */
export function wholeNumberFromEnv(
  env: Record<string, string | undefined>,
  name: string,
  min: number,
  max: number,
): number | null {
  const set = env[name];
  if (set === undefined || set === "") return null;
  const n = Number(set);
  if (!Number.isInteger(n) || n < min || n > max)
    // The value is echoed only in part: an environment variable can hold anything, a secret pasted by mistake included.
    throw new ConfigError(`${name}: expected a whole number ${min}–${max}, got "${set.slice(0, 40)}"`);
  return n;
}

/**
 * The sync lease (env CALLSCOPE_SYNC_LEASE_MS, 1 s to 10 min; default 30 s): how soon another instance
 * sharing a PostgreSQL index resumes the run of an instance that died. Shorter takes over sooner, but a
 * run whose renewal is delayed longer than the lease (a stalled process, a slow database) loses it.
 */
export function syncLeaseMs(env: Env): number {
  return wholeNumberFromEnv(env, "CALLSCOPE_SYNC_LEASE_MS", 1_000, 600_000) ?? DEFAULT_SYNC_LEASE_MS;
}
