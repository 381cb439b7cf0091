// Stands in for the `server-only` package under vitest, where there is no client bundle to guard.
export {};
