import type { CustomAuthError } from '../../machine/index.ts';
import { en } from './en.ts';
import type { MessageOverrides, Messages, PluralText } from './types.ts';

export { ar } from './ar.ts';
export { da } from './da.ts';
export { de } from './de.ts';
export { es } from './es.ts';
export { fr } from './fr.ts';
export { he } from './he.ts';
export { hi } from './hi.ts';
export { id } from './id.ts';
export { it } from './it.ts';
export { ja } from './ja.ts';
export { ko } from './ko.ts';
export { nb } from './nb.ts';
export { nl } from './nl.ts';
export { pl } from './pl.ts';
export { ptBR } from './pt-BR.ts';
export { ru } from './ru.ts';
export { sv } from './sv.ts';
export { tr } from './tr.ts';
export type { MessageOverrides, Messages, PluralText } from './types.ts';
export { uk } from './uk.ts';
export { vi } from './vi.ts';
export { zhHans } from './zh-Hans.ts';
export { en };

/**
 * The drop-in's language: a complete dictionary, `en` (the default), one of the others, or your own.
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
 * The text of the plural category `count` falls in, in the dictionary's language; `other`
 * when the dictionary lacks that category or names a language Intl cannot read.
 */
export function plural(messages: Messages, text: PluralText, count: number): string {
  let category: Intl.LDMLPluralRule = 'other';
  try {
    category = new Intl.PluralRules(messages.lang).select(count);
  } catch {}
  return format(text[category] ?? text.other, { count });
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
