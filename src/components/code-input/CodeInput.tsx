import type { ChangeEvent, CSSProperties, Ref } from 'react';
import { Field } from '../parts/Field.tsx';

export interface CodeInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Called once the code reaches `length`, with the normalised code. */
  onComplete?: (code: string) => void;
  /** Expected code length (the trigger sends it as `codeLength`). Without it the code is
   * neither cut nor sent by itself. */
  length?: number;
  /** Digits only, with the numeric keypad on phones. Default true. */
  numeric?: boolean;
  /** Masked as a password field is (a secret answer). */
  secret?: boolean;
  /** Default `one-time-code`. */
  autoComplete?: string;
  /** The input's `data-part`. Default `code-input`. */
  part?: string;
  disabled?: boolean;
  invalid?: boolean;
  errorId?: string;
  help?: string;
  /** More ids the field is described by, e.g. the attempts left. */
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * Cleans what people paste around codes ("123 456", "AB12-CD34"). A free-text answer (no
 * fixed length, not numeric) is left as typed, since its spaces may matter.
 */
export function normalizeCode(raw: string, numeric: boolean, fixedLength: boolean): string {
  if (numeric) return raw.replace(/\D/g, '');
  return fixedLength ? raw.replace(/[\s-]/g, '') : raw;
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
  length,
  numeric = true,
  secret,
  autoComplete = 'one-time-code',
  part = 'code-input',
  disabled,
  invalid,
  errorId,
  help,
  describedBy,
  inputRef,
}: CodeInputProps) {
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const normalized = normalizeCode(event.target.value, numeric, length !== undefined);
    const code = length === undefined ? normalized : normalized.slice(0, length);
    onChange(code);
    if (code.length === length && code !== value) onComplete?.(code);
  };
  return (
    <Field
      label={label}
      part={part}
      type={secret ? 'password' : 'text'}
      inputMode={numeric ? 'numeric' : 'text'}
      pattern={numeric ? '[0-9]*' : undefined}
      autoComplete={autoComplete}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      value={value}
      onChange={change}
      disabled={disabled}
      invalid={invalid}
      errorId={errorId}
      help={help}
      describedBy={describedBy}
      inputRef={inputRef}
      // Sized for its code by the style sheet, which reads the length from here.
      style={length ? ({ '--cca-code-length': length } as CSSProperties) : undefined}
    />
  );
}
