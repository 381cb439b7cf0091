import type { IncomingHttpHeaders } from "node:http";
import type { RecordingTrack } from "./recording";
import type { SimCall, SimDatasetOptions, SimSource, SimTask } from "./types";

/** A request as a simulated vendor sees it: path relative to the vendor's mount point. */
export interface SimRequest {
  method: string;
  /** Path below the vendor's prefix, e.g. `/apiOpen/v1/callRecord/callDetail` for `/tanyi/apiOpen/v1/…`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** The ground truth, as the vendor modules and the recording server read it. */
export interface SimDataset {
  readonly options: SimDatasetOptions;
  readonly tasks: SimTask[];
  tasksOf(source: SimSource): SimTask[];
  /** How many calls one task has. */
  taskCallCount(taskId: string): number;
  /** A slice of one task's calls, in list order (dialling order). */
  taskCalls(taskId: string, offset: number, limit: number): SimCall[];
  /** One call by its vendor call id (Tanyi callRecordId, AICCS DetailId, agent-api record id, Dyvms callId). */
  callByVendorId(source: SimSource, vendorCallId: string): SimCall | null;
  /** Dyvms' detail looks calls up by task and callee. */
  callByCallee(taskId: string, callee: string): SimCall | null;
}

/** Credentials the simulator accepts; demo mode configures its sources with exactly these. */
export interface SimCredentials {
  aliyun: { accessKeyId: string; accessKeySecret: string };
  tanyi: { appKey: string; appSecret: string; tenantSign: string };
  agent: { userId: string; token: string };
}

export interface SimContext {
  dataset: SimDataset;
  credentials: SimCredentials;
  /** The simulator's own base URL (`http://127.0.0.1:PORT`), for building absolute URLs. */
  baseUrl: string;
  /**
   * A signed, expiring OSS-style URL for a call's recording on this simulator; `track` "customer" or
   * "robot" is that party's voice alone (mono), "full" (the default) the recording as the call has it.
   */
  recordingUrl(call: SimCall, track?: RecordingTrack): string;
  now(): number;
}

/** One vendor's wire format: answers the requests under its mount point. */
export interface SimVendor {
  /** Mount point, e.g. `/aliyun-dyvms`; the vendor's paths follow it. */
  readonly prefix: string;
  handle(request: SimRequest, context: SimContext): SimResponse | Promise<SimResponse>;
}
