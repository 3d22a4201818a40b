import {
  createContext,
  type FormEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
  type RefObject,
  useContext,
  useEffect,
  useId,
  useRef,
} from 'react';
import { warnOnce } from '../../react/development.ts';

export interface ScreenFormProps {
  screen: string;
  title: ReactNode;
  isPending: boolean;
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * The frame every screen shares: a titled form, busy while a request is in flight, that tells
 * its `SubmitButton` whether the request is the button's own.
 */
export function ScreenForm({ screen, title, isPending, onSubmit, children }: ScreenFormProps) {
  const titleId = useId();
  const [form, byOther] = useKeptFocus(isPending);
  if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
    // biome-ignore lint/correctness/useHookAtTopLevel: the condition is fixed for a build.
    useNoNestedForm(form, screen);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isPending) onSubmit();
  };
  // A press of another button (a resend) sends a request that is not the submit button's.
  const pressed = (event: MouseEvent) => {
    if (!isPending)
      byOther.current = (event.target as Element).closest('button')?.type === 'button';
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
      onClickCapture={pressed}
    >
      <h2 id={titleId} data-part="title">
        {title}
      </h2>
      <SentByOther.Provider value={isPending && byOther.current}>{children}</SentByOther.Provider>
    </form>
  );
}

/** Set by a `ScreenForm` whose pending request another of its buttons sent (a resend, say). */
const SentByOther = createContext(false);

export interface SubmitButtonProps {
  label: string;
  /** The label while its request is pending: what is being done ("Signing in…"). */
  pendingLabel: string;
  isPending: boolean;
  /** Outside a `ScreenForm`: a plain button with its own command. */
  onClick?: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}

/**
 * A screen's main button. While a request is pending it stays focusable (`aria-disabled`, not
 * `disabled`, which would drop focus to the page) and ignores presses; when it sent the
 * request it says what is being done, with a spinner from the stylesheet.
 */
export function SubmitButton({
  label,
  pendingLabel,
  isPending,
  onClick,
  buttonRef,
}: SubmitButtonProps) {
  const working = !useContext(SentByOther) && isPending;
  return (
    <button
      type={onClick ? 'button' : 'submit'}
      data-part="submit"
      data-state={working ? 'pending' : undefined}
      aria-disabled={isPending || undefined}
      ref={buttonRef}
      onClick={onClick && (() => isPending || onClick())}
    >
      {working ? pendingLabel : label}
    </button>
  );
}

/**
 * Disabled fields drop focus while a request is pending: it goes to the submit button, which
 * stays focusable. When the request ends on the same screen, focus goes to the field in error
 * (from the button too), or else, if it was lost, the first field, so keyboard and screen
 * reader users keep their place; on the button with no field in error, it stays there, to
 * press again. Also keeps whether another button than the submit button sent the request
 * (until it ends: a code that submits itself sends the next).
 */
function useKeptFocus(isPending: boolean) {
  const form = useRef<HTMLFormElement>(null);
  const byOther = useRef(false);
  const wasPending = useRef(isPending);
  useEffect(() => {
    const was = wasPending.current;
    wasPending.current = isPending;
    const element = form.current;
    if (!element || was === isPending) return;
    const find = (selector: string) => element.querySelector<HTMLElement>(selector);
    const active = document.activeElement;
    const inForm = active !== null && element.contains(active);
    const submit = find('[data-part="submit"]');
    if (isPending) {
      // On a field just disabled, or fallen to the page already.
      if (active === document.body || (inForm && active.matches(':disabled'))) submit?.focus();
      return;
    }
    byOther.current = false;
    const invalid = find('[aria-invalid="true"]');
    if (!inForm || (active === submit && invalid))
      (invalid ?? find('input:not([disabled])'))?.focus();
  }, [isPending]);
  return [form, byOther] as const;
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
