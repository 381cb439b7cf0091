import type { Intent, Review, ReviewStatus } from "@/lib/model";

/**
 * A review being written, kept in the tab's sessionStorage until it is saved. A session that ended
 * meanwhile (an hour idle) sends the save to the sign-in page and back: without this the note and
 * the verdict typed were gone. Kept per call, and only over the review it was written against: if
 * someone saved that call since, their review shows, not an older draft over it.
 */
export interface ReviewDraft {
  status: ReviewStatus;
  intent: Intent | null;
  note: string;
}

const key = (callId: string) => `callscope:review-draft:${callId}`;
/** What a draft was written over: the saved review's time (null: never reviewed). */
const baseOf = (review: Review) => review.at ?? "";

export function readDraft(callId: string, review: Review): ReviewDraft | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key(callId)) ?? "null") as
      (ReviewDraft & { base: string }) | null;
    if (!stored || stored.base !== baseOf(review)) return null;
    return { status: stored.status, intent: stored.intent, note: stored.note };
  } catch {
    return null; // storage off (private mode) or not ours: nothing kept
  }
}

export function keepDraft(callId: string, review: Review, draft: ReviewDraft | null): void {
  try {
    if (draft) sessionStorage.setItem(key(callId), JSON.stringify({ ...draft, base: baseOf(review) }));
    else sessionStorage.removeItem(key(callId));
  } catch {
    // storage full or off: the form still works, only without the safety net
  }
}
