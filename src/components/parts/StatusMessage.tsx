/** A polite live region, always in the page, for news that is not an error. */
export function StatusMessage({ text }: { text: string | null }) {
  return (
    <div data-part="status" role="status" aria-live="polite">
      {text}
    </div>
  );
}
