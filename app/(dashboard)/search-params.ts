/** A page's `searchParams` as Next hands them over (a name may repeat). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The same parameters as URLSearchParams, the form every list-query parser reads. */
export function toParams(record: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      params.append(name, item);
  }
  return params;
}
