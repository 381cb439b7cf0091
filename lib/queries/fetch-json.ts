import type { ErrorBody } from "@/lib/model";

/** An API answer that was not 2xx, with the server's code and words (what the UI shows). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the server asked to wait before trying again (Retry-After), when it said. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** fetch + JSON + the one error body; a network failure becomes ApiError(0, "offline"). */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "offline", "cannot reach the server");
  }
  const text = await response.text();
  let value: unknown = null;
  try {
    value = text ? JSON.parse(text) : null;
  } catch {
    // fall through: a non-JSON body is reported below
  }
  if (!response.ok) {
    const body = value as Partial<ErrorBody> | null;
    const error = body?.error;
    throw typeof error?.code === "string" && typeof error.message === "string"
      ? new ApiError(response.status, error.code, error.message, retryAfterOf(response))
      : new ApiError(response.status, "http_error", `HTTP ${response.status}`);
  }
  return value as T;
}

function retryAfterOf(response: Response): number | null {
  const seconds = Number(response.headers.get("retry-after") ?? NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}
