import type { SourceConfig } from "@/lib/config";

/** How a source is named in messages: "杭州外呼 (hz-robot)", or its id alone. Never a credential. */
export function sourceName(source: Pick<SourceConfig, "id" | "name">): string {
  return source.name ? `${source.name} (${source.id})` : source.id;
}
