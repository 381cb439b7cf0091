/**
 * Where a conversation measure becomes worth a reviewer's glance: the call page and the list mark
 * figures past these, and the list's filter presets start here.
 */
export const SLOW_REPLY_MS = 3000;
export const LONG_DEAD_AIR_MS = 5000;
