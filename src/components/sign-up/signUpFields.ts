import type { SignUpAttribute } from '../AuthUiContext.tsx';
import type { SignUpMessages } from './messages.ts';

export interface SignUpFieldSpec {
  name: string;
  label: string;
  required: boolean;
  type: 'email' | 'tel' | 'text';
  autoComplete: string;
}

const known: Record<
  string,
  { label: 'email' | 'phoneNumber'; type: SignUpFieldSpec['type']; autoComplete: string }
> = {
  email: { label: 'email', type: 'email', autoComplete: 'email' },
  phone_number: { label: 'phoneNumber', type: 'tel', autoComplete: 'tel' },
};

/** Expands the `signUpAttributes` prop into labelled, typed fields. */
export function signUpFields(
  attributes: readonly SignUpAttribute[],
  messages: SignUpMessages,
): SignUpFieldSpec[] {
  return attributes.map((attribute) => {
    const spec = typeof attribute === 'string' ? { name: attribute } : attribute;
    const preset = known[spec.name];
    return {
      name: spec.name,
      label: spec.label ?? (preset ? String(messages[preset.label]) : spec.name),
      required: spec.required ?? true,
      type: spec.type ?? preset?.type ?? 'text',
      autoComplete: preset?.autoComplete ?? 'on',
    };
  });
}
