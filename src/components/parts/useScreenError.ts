import { useId } from 'react';
import type { CustomAuthError, CustomAuthErrorCode } from '../../machine/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { errorText } from '../messages/index.ts';

/**
 * The error a screen shows: its text in the chosen language, the id fields point at with
 * aria-describedby, and which field it belongs to.
 */
export function useScreenError<Field extends string>(
  error: CustomAuthError | null,
  fieldOf: Partial<Record<CustomAuthErrorCode, Field>>,
) {
  const errorId = useId();
  const { messages } = useAuthUi();
  return {
    errorId,
    text: error ? errorText(messages, error) : null,
    /** True for the field this error is about; a form-wide error marks none. */
    isInvalid: (field: Field) => error !== null && fieldOf[error.code] === field,
  };
}
