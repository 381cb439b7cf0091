import "server-only";
import { defineVendor } from "../plugin";
import { createAdapter } from "./client";
import { config, VENDOR } from "./config";

/** The tanyi plugin: its config (schema, secrets, defaults) and its adapter, as lib/vendors/registry.ts lists it. */
export const plugin = defineVendor({ id: VENDOR, config, createAdapter });
