/** The mark: a speech bubble over a waveform — what the product shows, a call you can read and hear. */
export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect x="1" y="1" width="30" height="30" rx="8" className="fill-brand-600" />
      <path
        d="M7 17v-2M11 20v-8M15 23V9M19 19v-6M23 21v-10M27 17v-2"
        stroke="white"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
    </svg>
  );
}
