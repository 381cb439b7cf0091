"use client";

import { useTranslations } from "next-intl";
import { Component, Suspense, type ReactNode } from "react";

/**
 * Around a part of the page that is loaded on demand (React.lazy): `loading` while it arrives, and
 * if it cannot (the server went away, or a new version was deployed and the old file is gone), a
 * way out in place of that part instead of the whole page falling into its error screen.
 */
export function LazyBoundary({
  loading,
  failed = <LoadFailed />,
  children,
}: {
  loading: ReactNode;
  /** What shows if the part cannot load; a part inside a button (which cannot hold the reload button) passes null. */
  failed?: ReactNode;
  children: ReactNode;
}) {
  return (
    <LoadErrorBoundary failed={failed}>
      <Suspense fallback={loading}>{children}</Suspense>
    </LoadErrorBoundary>
  );
}

class LoadErrorBoundary extends Component<{ failed: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.failed : this.props.children;
  }
}

function LoadFailed() {
  const t = useTranslations("error");
  return (
    <div role="alert" className="flex flex-col items-start gap-2 text-sm text-zinc-600 dark:text-zinc-300">
      {t("partFailed")}
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="rounded px-2 py-1 text-brand-700 underline underline-offset-2 hover:bg-brand-50 dark:text-brand-400 dark:hover:bg-brand-900/40"
      >
        {t("reload")}
      </button>
    </div>
  );
}
