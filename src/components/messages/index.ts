import type { CustomAuthError } from '../../machine/index.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import type { MessageOverrides, Messages } from './types.ts';

export type { MessageOverrides, Messages } from './types.ts';
export { en, es };

/**
 * The drop-in's language: a complete dictionary, `en` (the default), `es`, or your own.
 * Passed as an object, not a name, so an app bundles only the language it uses.
 */
export type Locale = Messages;

export function resolveMessages(locale: Locale = en, overrides?: MessageOverrides): Messages {
  if (!overrides) return locale;
  return { ...locale, ...overrides, errors: { ...locale.errors, ...overrides.errors } };
}

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible, not "undefined". */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/**
 * An error in words: Cognito's own where the kit kept them (which password rule failed, an
 * error it does not know), else the dictionary's text with the error's details filled in.
 */
export function errorText(messages: Messages, error: CustomAuthError): string {
  if (error.serverMessage) return error.serverMessage;
  const minutes = Math.max(1, Math.ceil(((error.retryAt ?? 0) - Date.now()) / 60_000));
  return format(messages.errors[error.code], { minutes });
}
