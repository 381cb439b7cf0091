// Before the e2e specs: a browser must exist. Debian's /usr/bin/chromium is used where installed (CI,
// servers); elsewhere Playwright's own Chromium, downloaded once if it is not there yet.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "playwright";

if (fs.existsSync("/usr/bin/chromium")) process.exit(0);
if (fs.existsSync(chromium.executablePath())) process.exit(0);
console.log("No Chromium found: installing Playwright's own (once) …");
execFileSync(process.execPath, ["node_modules/playwright/cli.js", "install", "chromium"], {
  stdio: "inherit",
});
