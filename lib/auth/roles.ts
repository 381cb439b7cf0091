import type { Role } from "@/lib/config";

/** What each role may do. Operators read (numbers masked); supervisors review; admins also sync and audit. */
export const RANK: Record<Role, number> = { operator: 1, supervisor: 2, admin: 3 };

export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function seesFullNumbers(role: Role): boolean {
  return atLeast(role, "supervisor");
}
