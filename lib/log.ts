import { scrubSecrets } from "./secrets";

/**
 * A small structured logger: one JSON line per event on stderr, secrets scrubbed from every field.
 * Phone numbers are not logged by callers (ids are); see lib/auth/mask.ts for what users see.
 */

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const configured = process.env.CALLSCOPE_LOG_LEVEL as Level | undefined;
  if (configured && configured in ORDER) return ORDER[configured];
  // Tests provoke failures on purpose; their output should be the test report, not log lines.
  return process.env.NODE_ENV === "test" ? Number.POSITIVE_INFINITY : ORDER.info;
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      ...(value.cause ? { cause: serialize(value.cause) } : {}),
    };
  }
  return value;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold()) return;
  const entry: Record<string, unknown> = { level, time: new Date().toISOString(), msg: message };
  for (const [key, value] of Object.entries(fields)) entry[key] = serialize(value);
  process.stderr.write(scrubSecrets(JSON.stringify(entry)) + "\n");
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
