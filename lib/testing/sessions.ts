/** A session for `sup` as SessionRepository.create takes it, valid a minute from `now`, its token hash `hash-<id>`. */
export function sessionInput(id: string, now: number) {
  return {
    id,
    tokenHash: `hash-${id}`,
    username: "sup",
    pw: "v1",
    now,
    expiresAt: now + 60_000,
    ip: null,
    userAgent: null,
  };
}
