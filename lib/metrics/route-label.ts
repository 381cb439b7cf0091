import { ROUTE_GROUPS } from "@/lib/openapi/document";

/**
 * The route template a request path belongs to (`/api/calls/{id}/peaks`), so latency is labelled by
 * route and never by call id (one time series per call would grow without end). The templates are
 * the API reference's own; static segments win over parameters (`/api/calls/stats` is not `{id}`).
 */

let templates: { template: string; pattern: RegExp }[] | null = null;

function compile() {
  const paths = [...new Set(ROUTE_GROUPS.flatMap((group) => group.operations.map((op) => op.path)))];
  return paths
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}/?$`),
    }));
}

export function routeLabel(pathname: string): string {
  templates ??= compile();
  return templates.find(({ pattern }) => pattern.test(pathname))?.template ?? "other";
}
