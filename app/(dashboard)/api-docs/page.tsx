import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { openApiDocument } from "@/lib/openapi/document";
import { requirePageSession } from "@/lib/server/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiDocs"))("title") };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100",
  post: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100",
  patch: "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100",
  delete: "bg-rose-100 text-rose-900 dark:bg-rose-900/60 dark:text-rose-100",
};

/**
 * The API reference: the same OpenAPI document /api/openapi.json serves, rendered on the server as
 * plain HTML (no script, no CDN), so it reads offline and on any deployment.
 */
export default async function ApiDocsPage() {
  await requirePageSession("/api-docs");
  const t = await getTranslations("apiDocs");
  const doc = openApiDocument() as Json;
  const operations = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
  );
  const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`;

  return (
    <div className="max-w-5xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{doc.info.description}</p>
        <p className="text-sm">
          <a className="text-sky-700 underline dark:text-sky-300" href="/api/openapi.json" download>
            {t("download")}
          </a>{" "}
          <span className="text-zinc-600 dark:text-zinc-300">{t("version", { version: doc.openapi })}</span>
        </p>
      </div>
      <nav aria-label={t("contents")} className="columns-1 gap-6 text-sm sm:columns-2">
        {(doc.tags as Json[]).map((tag) => (
          <div key={tag.name} className="mb-3 break-inside-avoid">
            <h2 className="font-medium">{tag.name}</h2>
            <ul>
              {operations
                .filter(({ op }) => op.tags.includes(tag.name))
                .map(({ path, method }) => (
                  <li key={`${method} ${path}`}>
                    <a
                      className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-300"
                      href={`#${anchor(method, path)}`}
                    >
                      {method.toUpperCase()} {path}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      {(doc.tags as Json[]).map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="space-y-3">
          <h2
            id={`tag-${tag.name}`}
            className="border-b border-zinc-200 pb-1 text-lg font-semibold dark:border-zinc-700"
          >
            {tag.name}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-300">{tag.description}</p>
          {operations
            .filter(({ op }) => op.tags.includes(tag.name))
            .map(({ path, method, op }) => (
              <article
                key={`${method} ${path}`}
                id={anchor(method, path)}
                className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700"
              >
                <h3 className="flex flex-wrap items-center gap-2">
                  <span
                    className={`rounded px-1.5 py-0.5 font-mono text-xs font-semibold ${METHOD_STYLE[method] ?? ""}`}
                  >
                    {method.toUpperCase()}
                  </span>
                  <code className="font-mono text-sm">{path}</code>
                  <span className="text-sm text-zinc-700 dark:text-zinc-200">{op.summary}</span>
                  <span className="ml-auto rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200">
                    {t("access", { who: op["x-access"] })}
                  </span>
                </h3>
                {op.description && (
                  <p className="text-sm text-zinc-700 dark:text-zinc-200">{op.description}</p>
                )}
                {op.parameters && (
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">{t("parameters")}</caption>
                    <thead className="text-xs text-zinc-600 dark:text-zinc-300">
                      <tr>
                        <th scope="col" className="py-1 pr-3 font-medium">
                          {t("parameter")}
                        </th>
                        <th scope="col" className="py-1 pr-3 font-medium">
                          {t("in")}
                        </th>
                        <th scope="col" className="py-1 pr-3 font-medium">
                          {t("type")}
                        </th>
                        <th scope="col" className="py-1 font-medium">
                          {t("meaning")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {(op.parameters as Json[]).map((p) => (
                        <tr
                          key={`${p.in} ${p.name}`}
                          className="border-t border-zinc-100 align-top dark:border-zinc-800"
                        >
                          <td className="py-1 pr-3 font-mono text-xs">
                            {p.name}
                            {p.required ? " *" : ""}
                          </td>
                          <td className="py-1 pr-3 text-xs">{p.in}</td>
                          <td className="py-1 pr-3 font-mono text-xs">{typeOf(p.schema)}</td>
                          <td className="py-1 text-xs">{p.description ?? ""}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {op.requestBody && (
                  <Schema label={t("body")} schema={op.requestBody.content["application/json"].schema} />
                )}
                <dl className="space-y-1 text-sm">
                  {Object.entries(op.responses as Json).map(([status, answer]) => {
                    const [media, content] = Object.entries((answer.content ?? {}) as Json)[0] ?? [];
                    return (
                      <div key={status}>
                        <dt className="inline font-mono text-xs font-semibold">{status}</dt>{" "}
                        <dd className="inline">
                          {answer.description}
                          {media && media !== "application/json" && (
                            <span className="font-mono text-xs"> ({media})</span>
                          )}
                          {media === "application/json" && content.schema && !content.schema.$ref && (
                            <Schema label={t("answer", { status })} schema={content.schema} />
                          )}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              </article>
            ))}
        </section>
      ))}
    </div>
  );
}

function Schema({ label, schema }: { label: string; schema: Json }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-sky-700 dark:text-sky-300">{label}</summary>
      <pre className="mt-1 max-h-96 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">
        {JSON.stringify(schema, null, 2)}
      </pre>
    </details>
  );
}

/** A parameter's type in a few characters: `string`, `integer 1–500`, `list of A|B|C`. */
function typeOf(schema: Json): string {
  if (schema.type === "array") return `list of ${typeOf(schema.items)}`;
  if (schema.enum) return schema.enum.join(" | ");
  const range =
    schema.minimum !== undefined || schema.maximum !== undefined
      ? ` ${schema.minimum ?? ""}–${schema.maximum ?? ""}`
      : "";
  return `${schema.type ?? "any"}${range}`;
}
