/**
 * Which read-only statements run inline on the main connection instead of on a reader. A reader
 * keeps a slow read off the event loop, but a point read (a call's detail, its transcript, a
 * revision) costs more through a worker — the post, the structured clone both ways, the reply — than
 * running it in place: during a sync those tiny reads were 5 s of the main thread's CPU in 80 s.
 *
 * So each SQL text is timed where it runs. After `streak` runs in a row each under `fastMs`, it runs
 * inline; the first inline run over `fastMs` sends it back to the readers, and it must then prove
 * itself over a streak four times as long (a statement fast for some parameters and slow for others
 * settles on the readers). The risk kept: one inline run that turns slow holds the event loop once;
 * the next run of that text is on a reader again.
 */
export class ReadRouting {
  private readonly texts = new Map<string, { fast: number; needed: number; inline: boolean }>();

  constructor(
    readonly fastMs = 1,
    private readonly streak = 3,
    private readonly maxTexts = 500,
  ) {}

  /** Whether `sql` runs inline now. */
  inline(sql: string): boolean {
    return this.texts.get(sql)?.inline ?? false;
  }

  /** How long a run of `sql` took (ms), inline or on a reader. */
  record(sql: string, ms: number): void {
    let text = this.texts.get(sql);
    if (!text) {
      // SQL texts are few (the repositories' statements); a bound keeps a stray generator of texts harmless.
      if (this.texts.size >= this.maxTexts) this.texts.clear();
      text = { fast: 0, needed: this.streak, inline: false };
      this.texts.set(sql, text);
    }
    if (ms <= this.fastMs) {
      text.fast++;
      if (text.fast >= text.needed) text.inline = true;
      return;
    }
    text.fast = 0;
    if (text.inline) {
      text.inline = false;
      text.needed = Math.min(text.needed * 4, 10_000);
    }
  }
}
