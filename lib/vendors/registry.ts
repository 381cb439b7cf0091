import "server-only";
import type { Vendor } from "@/lib/model";
import { plugin as agentApi } from "./agent-api";
import { plugin as aliyunAiccs } from "./aliyun-aiccs";
import { plugin as aliyunDyvms } from "./aliyun-dyvms";
import { plugin as tanyi } from "./tanyi";
import type { SourceOf } from "./plugin";

/**
 * Every vendor Callscope speaks. A new vendor is its folder (config.ts, client.ts, schema.ts,
 * normalize.ts, index.ts exporting `plugin`) and one line here; the browser's word list
 * (lib/vocabulary.ts VENDORS) is checked against this one below and in registry.test.ts.
 */
export const VENDOR_PLUGINS = [aliyunDyvms, aliyunAiccs, tanyi, agentApi] as const;

/** A source of callscope.config.json, of any registered vendor. */
export type RegisteredSource = SourceOf<typeof VENDOR_PLUGINS>;

// The browser's list and the registry name the same vendors, or this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const vocabularyMatches: Same<RegisteredSource["vendor"], Vendor> = true;
void vocabularyMatches;
