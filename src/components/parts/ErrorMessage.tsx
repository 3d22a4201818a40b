import { useEffect, useRef } from 'react';

/**
 * Always in the page, so that assistive technology announces each new error as it appears
 * in the live region. Each new error is scrolled into view: it sits under the field it
 * explains, which keeps focus, and at a large zoom the error may be below the fold.
 */
export function ErrorMessage({ id, text }: { id: string; text: string | null }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Optional: jsdom has no layout, and no scrollIntoView.
    if (text) element.current?.scrollIntoView?.({ block: 'nearest' });
  }, [text]);
  return (
    <div
      ref={element}
      id={id}
      data-part="error"
      role="alert"
      aria-live="assertive"
      aria-atomic="true"
    >
      {text}
    </div>
  );
}
