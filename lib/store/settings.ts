import "server-only";
import type { Sql } from "./sql/executor";

/** Small server-side values that must survive restarts (e.g. a generated session secret). */
export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** Sets `key` unless it has a value; answers the value it holds (this one or the first writer's). */
  claim(key: string, value: string): Promise<string>;
}

export function settingsRepository(sql: Sql): SettingsRepository {
  const get = async (key: string) =>
    (await sql.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", [key]))?.value ?? null;
  return {
    get,
    async set(key, value) {
      await sql.run(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
      );
    },
    async claim(key, value) {
      await sql.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", [key, value]);
      return (await get(key))!;
    },
  };
}
