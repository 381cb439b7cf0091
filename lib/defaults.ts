/** Defaults of CONTRACT.md §1 that code outside the server (the simulator CLI, the demo) needs too. */
export const DEFAULT_TIMEZONE = "Asia/Shanghai";
export const DEFAULT_DATABASE = "file:./data/callscope.db";
