"use client";

import { createContext, type ReactNode } from "react";

/**
 * What the page shows under each transcript line beyond the words (the call page's annotations).
 * Given through context as a stable render function, so the memoized bubbles keep their props
 * unchanged and the play head moving still re-renders only the bubble that gains or loses the highlight.
 */
export const LineAddonContext = createContext<((index: number) => ReactNode) | null>(null);
