import { defineVendor } from "../../plugin";
import { createAdapter } from "./client";
import { config, VENDOR } from "./config";

/** The fifth vendor's plugin, exactly as a real vendor's index.ts writes it. */
export const plugin = defineVendor({ id: VENDOR, config, createAdapter });
