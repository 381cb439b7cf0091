/**
 * Errors are recognised by a process-wide brand, never by `instanceof`. Next.js bundles
 * instrumentation, each route and each page separately, so one class can exist several times in one
 * process; the runtime is created once (on globalThis) by whichever bundle asks first, and an error it
 * throws is an instance of *that* bundle's class. `instanceof` in another bundle then fails and a 404
 * turned into a 500. `Symbol.for` gives every bundle the same key, so the brand survives bundling.
 */

const KINDS = Symbol.for("callscope.error-kinds");

type Branded = { [KINDS]?: readonly string[] };

/** Mark `error` as being of `kind` (a subclass adds its own kind to its parent's). */
export function brandError(error: object, kind: string): void {
  const target = error as Branded;
  const kinds = [...(target[KINDS] ?? []), kind];
  Object.defineProperty(error, KINDS, { value: kinds, enumerable: false, configurable: true });
}

/** Whether `value` was branded `kind` by any copy of its class, in any bundle. */
export function isErrorKind(value: unknown, kind: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  const kinds = (value as Branded)[KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}
