import iconv from "iconv-lite";

/**
 * Text repairs for what vendors send: mojibake (UTF-8 bytes read as GBK, e.g. `鐢ㄦ埛鎺ュ惉` for
 * 用户接听, or as Latin-1), HTML entities in URLs (`&amp;`), and the `<客户打断>` barge-in marker.
 */

export type Repair = { text: string; status: "clean" | "repaired" | "broken" };

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF8_LOOSE = new TextDecoder("utf-8");
const CJK = /[\u3400-\u9fff]/g;

function cjkCount(text: string): number {
  return text.match(CJK)?.length ?? 0;
}

/**
 * Undo UTF-8-read-as-GBK (and as Latin-1). `clean` text is returned as is; `repaired` text decoded
 * completely; `broken` text is mojibake that lost bytes (an odd byte count, an unmapped pair) and
 * cannot be trusted: callers replace it with a word they know (the status code's text).
 */
export function repairMojibake(input: string): Repair {
  // Robot scripts repeat on every call, and the GBK round trip costs tens of µs per line.
  const cached = repairs.get(input);
  if (cached) return cached;
  const repair = repairUncached(input);
  if (repairs.size >= 20_000) repairs.clear();
  repairs.set(input, repair);
  return repair;
}

const repairs = new Map<string, Repair>();

function repairUncached(input: string): Repair {
  const text = input.trim();
  if (!/[^\x00-\x7f]/.test(text)) return { text, status: "clean" };

  if (/[\u00c0-\u00ff][\u0080-\u00bf]/.test(text) && !/[^\x00-\xff]/.test(text)) {
    const latin = tryDecode(Buffer.from(text, "latin1"));
    if (latin && latin !== text) return { text: latin, status: "repaired" };
  }

  // The mis-decoder wrote a stray byte at the end as `?` or U+FFFD: the last character is lost.
  const trailingLoss = /[?\ufffd]+$/.test(text);
  const core = text.replace(/[?\ufffd]+$/, "");
  if (!core) return { text, status: "clean" };
  // CP936 ("gbk") first: it maps 0x80 to €, as Windows decoders do; GB18030 covers the rest.
  const bytes = iconv.encode(
    core,
    iconv.encode(core, "gbk").includes(0x3f) && !core.includes("?") ? "gb18030" : "gbk",
  );
  const decoded = tryDecode(bytes);
  if (decoded !== null && decoded !== core && cjkCount(decoded) > 0) {
    return trailingLoss ? { text: decoded, status: "broken" } : { text: decoded, status: "repaired" };
  }
  if (decoded === null) {
    // Not valid UTF-8 as a whole: still mojibake if most of it decodes to CJK (a byte went missing).
    const loose = UTF8_LOOSE.decode(bytes);
    const lost = (loose.match(/\ufffd/g) ?? []).length;
    if (cjkCount(loose) >= 2 && lost <= Math.max(1, cjkCount(loose) / 3))
      return { text: loose, status: "broken" };
  }
  return { text, status: "clean" };
}

function tryDecode(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** Readable text for a vendor word: repaired mojibake, or `fallback` when the word is beyond repair. */
export function readableText(
  value: string | null | undefined,
  fallback: string | null = null,
): string | null {
  if (!value) return fallback;
  const repair = repairMojibake(value);
  if (repair.status === "broken") return fallback ?? repair.text.replace(/\ufffd/g, "");
  return repair.text || fallback;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** `&amp;` → `&`, `&#39;` → `'`; applied until stable (vendors double-escape too: `&amp;amp;`). */
export function decodeHtmlEntities(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code =
          name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    });
    if (next === current) break;
    current = next;
  }
  return current;
}

/** A recording URL as the vendor meant it: entities decoded, whitespace trimmed; null when not http(s). */
export function cleanUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const url = decodeHtmlEntities(value.trim());
  return /^https?:\/\//i.test(url) ? url : null;
}

const BARGE_IN = /(?:<|＜|&lt;|\[|【|\()\s*客户打断\s*(?:>|＞|&gt;|\]|】|\))/g;

/** Removes the vendor's barge-in marker (`<客户打断>`) and says whether it was there. */
export function stripBargeIn(text: string): { text: string; interrupted: boolean } {
  const stripped = text.replace(BARGE_IN, "");
  return { text: stripped.trim(), interrupted: stripped.length !== text.length };
}
