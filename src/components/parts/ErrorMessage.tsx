/**
 * Always in the page, so that assistive technology announces each new error as it appears
 * in the live region.
 */
export function ErrorMessage({ id, text }: { id: string; text: string | null }) {
  return (
    <div id={id} data-part="error" role="alert" aria-live="assertive" aria-atomic="true">
      {text}
    </div>
  );
}
