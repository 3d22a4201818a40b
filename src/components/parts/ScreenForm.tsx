import { type FormEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import { warnOnce } from '../../react/development.ts';

export interface ScreenFormProps {
  screen: string;
  title: ReactNode;
  isPending: boolean;
  onSubmit: () => void;
  children: ReactNode;
}

/** The frame every screen shares: a titled form, busy while a request is in flight. */
export function ScreenForm({ screen, title, isPending, onSubmit, children }: ScreenFormProps) {
  const titleId = useId();
  const form = useRestoredFocus(isPending);
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
    // biome-ignore lint/correctness/useHookAtTopLevel: the condition is fixed for a build.
    useNoNestedForm(form, screen);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isPending) onSubmit();
  };
  return (
    <form
      ref={form}
      data-part="form"
      data-screen={screen}
      data-state={isPending ? 'pending' : 'idle'}
      aria-labelledby={titleId}
      aria-busy={isPending}
      noValidate
      onSubmit={submit}
    >
      <h2 id={titleId} data-part="title">
        {title}
      </h2>
      {children}
    </form>
  );
}

/**
 * Disabled fields drop focus while a request is pending. When it ends on the same screen,
 * focus goes back to the field in error, or else the first field, so keyboard and screen
 * reader users keep their place.
 */
function useRestoredFocus(isPending: boolean) {
  const form = useRef<HTMLFormElement>(null);
  const wasPending = useRef(isPending);
  useEffect(() => {
    const finished = wasPending.current && !isPending;
    wasPending.current = isPending;
    const element = form.current;
    if (!finished || !element || element.contains(document.activeElement)) return;
    const target =
      element.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      element.querySelector<HTMLElement>('input:not([disabled])');
    target?.focus();
  }, [isPending]);
  return form;
}

/**
 * Parts an app passes in (an answer in `components.challenges`, a sign-up screen's fields) render
 * inside this form and submit through it. A `<form>` of their own nests forms: a second set of
 * buttons, and a native submit that sends the answer to the page's address.
 */
function useNoNestedForm(form: RefObject<HTMLFormElement | null>, screen: string) {
  useEffect(() => {
    if (!form.current?.querySelector('form')) return;
    warnOnce(
      `a <form> inside the ${screen} screen's form. A part given to the drop-in (an answer in components.challenges, say) renders its fields only, and submits with submit(value) from the props it receives; the drop-in's form holds it and its Confirm button.`,
      'error',
    );
  });
}
