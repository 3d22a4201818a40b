import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  invalid?: boolean;
  /** The id of the message that explains this field's error. */
  errorId?: string;
  /** Extra help text shown under the field and read with it. */
  help?: string;
  /** More ids the field is described by. */
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** The input's `data-part`, for styling. Default 'input'. */
  part?: string;
  /** Shown under the input and its help, inside the field: the field's own error message. */
  children?: ReactNode;
}

/** A visible label, an input, and the error it is tied to through aria-describedby. */
export function Field({
  label,
  invalid,
  errorId,
  help,
  describedBy: moreIds,
  inputRef,
  part = 'input',
  children,
  ...input
}: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const describedBy = [help ? helpId : null, moreIds, invalid ? errorId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div data-part="field" data-invalid={invalid || undefined}>
      <label htmlFor={id} data-part="label">
        {label}
      </label>
      <input
        {...input}
        id={id}
        ref={inputRef}
        data-part={part}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
      />
      {help && (
        <p id={helpId} data-part="help">
          {help}
        </p>
      )}
      {children}
    </div>
  );
}
