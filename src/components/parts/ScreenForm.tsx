import { type FormEvent, type ReactNode, useId } from 'react';

export interface ScreenFormProps {
  screen: string;
  title: string;
  isPending: boolean;
  onSubmit: () => void;
  children: ReactNode;
}

/** The frame every screen shares: a titled form, busy while a request is in flight. */
export function ScreenForm({ screen, title, isPending, onSubmit, children }: ScreenFormProps) {
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isPending) onSubmit();
  };
  return (
    <form
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
