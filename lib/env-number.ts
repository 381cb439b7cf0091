/**
 * A whole number from the environment variable `name`, within `min`–`max`; null when it is unset or
 * empty. Anything else stops start-up with a message naming the variable.
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
    throw new Error(`${name}: expected a whole number ${min}–${max}, got "${set}"`);
  return n;
}
