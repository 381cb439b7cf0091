/**
 * JSON the way vendors write it, including what JSON.stringify cannot: integers beyond 2^53 as bare
 * numbers (`"callRecordId": 9007199254740993`). Wrap such a value in `RawNumber` and it is written verbatim.
 */
export class RawNumber {
  constructor(readonly digits: string) {
    if (!/^-?\d+(\.\d+)?$/.test(digits)) throw new Error(`not a number: ${digits}`);
  }
}

export function vendorJson(value: unknown, indent?: number): string {
  const tokens: string[] = [];
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (item instanceof RawNumber) {
        tokens.push(item.digits);
        return `\u0000RAW${tokens.length - 1}\u0000`;
      }
      return item;
    },
    indent,
  );
  return text.replace(/"\\u0000RAW(\d+)\\u0000"/g, (_whole, i: string) => tokens[Number(i)]!);
}
