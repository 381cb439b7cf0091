import "server-only";
import { scryptSync } from "node:crypto";
import type { Config, Role } from "@/lib/config";

export interface User {
  username: string;
  role: Role;
  name: string | null;
  passwordHash: string;
}

export interface UserDirectory {
  find(username: string): User | null;
  /** `"auth": "none"`: nobody signs in; everyone acts as an admin and a warning banner says so. */
  readonly open: boolean;
  /** Demo mode: the login page lists the demo accounts. */
  readonly demo: boolean;
}

export function loadUsers(config: Config): UserDirectory {
  const byName = new Map(
    config.users.map((user) => [
      user.username,
      { username: user.username, role: user.role, name: user.name ?? null, passwordHash: user.passwordHash },
    ]),
  );
  return { find: (username) => byName.get(username) ?? null, open: config.auth === "none", demo: false };
}

/** The demo accounts: each password is the username. Hashed at start-up like any configured user. */
export const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: "operator", role: "operator" },
  { username: "supervisor", role: "supervisor" },
  { username: "admin", role: "admin" },
];

export function demoUsers(): UserDirectory {
  const byName = new Map<string, User>();
  for (const account of DEMO_ACCOUNTS) {
    // A fixed salt per demo account keeps the hash (and so demo sessions) stable across restarts.
    const salt = Buffer.from(`callscope-demo-${account.username}`);
    const key = scryptSync(account.username, salt, 32, { N: 16384, r: 8, p: 1 });
    byName.set(account.username, {
      ...account,
      name: null,
      passwordHash: `scrypt$16384$8$1$${salt.toString("base64")}$${key.toString("base64")}`,
    });
  }
  return { find: (username) => byName.get(username) ?? null, open: false, demo: true };
}
