/** Pieces every filter panel shares, so they look and behave the same in each. */

/** The line under a panel with its one action (clear, reset), set off by a rule. */
export function PanelAction({
  label,
  onClick,
  disabled = false,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <div className="mt-2 flex justify-end border-t border-zinc-100 pt-2 dark:border-zinc-800">
      <button
        type="button"
        disabled={disabled}
        onClick={onClick}
        className="rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        {label}
      </button>
    </div>
  );
}

/** One-click values for a range ("≥ 3", "近 7 天"), as small pills. */
export function PresetChips<R>({
  presets,
  onPick,
}: {
  presets: { label: string; range: R }[];
  onPick: (range: R) => void;
}) {
  if (!presets.length) return null;
  return (
    <div className="flex flex-wrap gap-1.5">
      {presets.map((preset) => (
        <button
          key={preset.label}
          type="button"
          onClick={() => onPick(preset.range)}
          className="rounded-full border border-zinc-200 px-2 py-0.5 text-xs text-zinc-600 hover:border-brand-500/50 hover:bg-brand-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-brand-900/40"
        >
          {preset.label}
        </button>
      ))}
    </div>
  );
}
