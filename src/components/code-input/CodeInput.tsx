import type { ChangeEvent, Ref } from 'react';
import { Field } from '../parts/Field.tsx';

export interface CodeInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Called once the code reaches `length`, with the normalised code. */
  onComplete?: (code: string) => void;
  /** Expected code length; the trigger sends it as `codeLength`. Default 6. */
  length?: number;
  /** Digits only, with the numeric keypad on phones. Default true. */
  numeric?: boolean;
  disabled?: boolean;
  invalid?: boolean;
  errorId?: string;
  help?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** Drops what people paste around codes: spaces, dashes and, for numeric codes, other non-digits. */
export function normalizeCode(raw: string, numeric: boolean): string {
  const compact = raw.replace(/[\s-]/g, '');
  return numeric ? compact.replace(/\D/g, '') : compact;
}

/**
 * One input for the whole code, so paste, autofill (`one-time-code`) and screen readers all
 * see a single field. No `maxLength`: it would cut "123 456" before it is cleaned.
 */
export function CodeInput({
  label,
  value,
  onChange,
  onComplete,
  length = 6,
  numeric = true,
  disabled,
  invalid,
  errorId,
  help,
  inputRef,
}: CodeInputProps) {
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const code = normalizeCode(event.target.value, numeric).slice(0, length);
    onChange(code);
    if (code.length === length && code !== value) onComplete?.(code);
  };
  return (
    <Field
      label={label}
      part="code-input"
      type="text"
      inputMode={numeric ? 'numeric' : 'text'}
      pattern={numeric ? '[0-9]*' : undefined}
      autoComplete="one-time-code"
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      value={value}
      onChange={change}
      disabled={disabled}
      invalid={invalid}
      errorId={errorId}
      help={help}
      inputRef={inputRef}
    />
  );
}
