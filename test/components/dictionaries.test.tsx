/// <reference types="vite/client" />
import { screen } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { format, plural } from '../../src/components/messages/index.ts';
import * as kit from '../../src/index.ts';
import { en, type Messages, type PluralText } from '../../src/index.ts';
import { alice, challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

const isDictionary = (value: unknown): value is Messages =>
  typeof value === 'object' && value !== null && 'lang' in value && 'errors' in value;

/** Every dictionary the kit exports, by export name. */
const dictionaries = Object.entries(kit).filter((entry): entry is [string, Messages] =>
  isDictionary(entry[1]),
);

/**
 * The opt-in parts' English: what each exports as `<part>English`, from its module or a
 * `messages.ts` beside it (`signUpEnglish`, `choiceEnglish`), found without a list to keep.
 */
const optInEnglish: Record<string, unknown> = Object.assign(
  {},
  ...Object.values(
    import.meta.glob<Record<string, unknown>>(
      ['../../src/challenges/*/*.tsx', '../../src/{challenges,components}/*/messages.ts'],
      { eager: true },
    ),
  ).flatMap((module) =>
    Object.entries(module)
      .filter(([name]) => name.endsWith('English'))
      .map(([, words]) => words),
  ),
);

/** `en` leaves the opt-in parts' strings to the parts; every other dictionary words them. */
const optInKeys = Object.keys(optInEnglish);

/** The English of every key, the opt-in parts' included. */
const english: Record<string, unknown> = { ...optInEnglish, ...en };

/** The keys worded for each plural category (`attemptsLeft`, sign-up's `passwordMinLength`). */
const pluralKeys = Object.entries(english)
  .filter(([, text]) => typeof text === 'object' && text !== null && 'other' in text)
  .map(([key]) => key);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

/** The plural categories the language's rules pick for 0 to 100, each with the numbers. */
function categoriesOf(lang: string): Map<Intl.LDMLPluralRule, number[]> {
  const rules = new Intl.PluralRules(lang);
  const categories = new Map<Intl.LDMLPluralRule, number[]>();
  for (let count = 0; count <= 100; count += 1) {
    const category = rules.select(count);
    categories.set(category, [...(categories.get(category) ?? []), count]);
  }
  return categories;
}

/** The direction Intl knows for the language (`getTextInfo()` or the older `textInfo`). */
function directionOf(lang: string): string | undefined {
  const locale = new Intl.Locale(lang) as Intl.Locale & {
    getTextInfo?: () => { direction?: string };
    textInfo?: { direction?: string };
  };
  return (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
}

describe('the dictionaries', () => {
  it('number more than the 20 languages Amplify UI ships', () => {
    expect(dictionaries.length).toBeGreaterThan(20);
  });

  it('find the opt-in parts’ English: sign-up’s, the choice’s and the CAPTCHA’s', () => {
    expect(optInKeys).toEqual(
      expect.arrayContaining(['signUpTitle', 'chooseOne', 'captchaLocal', 'captchaUnavailable']),
    );
    expect(optInKeys.filter((key) => key in en)).toEqual([]);
  });

  describe.each(dictionaries)('%s', (_name, dictionary) => {
    it('names its language with a canonical BCP 47 tag, and its direction', () => {
      expect(Intl.getCanonicalLocales(dictionary.lang)).toEqual([dictionary.lang]);
      expect(dictionary.dir ?? 'ltr').toBe(directionOf(dictionary.lang));
    });

    it('has every key, every error, and no blank text', () => {
      const expected = [...Object.keys(en), ...(dictionary === en ? [] : optInKeys)];
      const keys = Object.keys(dictionary).filter((key) => key !== 'dir');
      expect(keys.sort()).toEqual(expected.sort());
      expect(Object.keys(dictionary.errors).sort()).toEqual(Object.keys(en.errors).sort());
      const texts = [
        ...Object.values({ ...dictionary, errors: '' }).flatMap((text) =>
          typeof text === 'string' ? [text] : Object.values(text),
        ),
        ...Object.values(dictionary.errors),
      ];
      expect(texts.filter((text) => text !== '' && text.trim() === '')).toEqual([]);
    });

    it('keeps every placeholder of the English text, and adds none', () => {
      const mismatched = Object.entries({ ...dictionary, errors: undefined })
        .filter(([key, text]) => typeof text === 'string' && key !== 'lang' && key !== 'dir')
        .concat(Object.entries(dictionary.errors).map(([code, text]) => [`errors.${code}`, text]))
        .filter(([key, text]) => {
          const source = key.startsWith('errors.')
            ? en.errors[key.slice(7) as keyof Messages['errors']]
            : english[key];
          const reference = typeof source === 'string' ? source : '';
          return placeholders(String(text)).sort().join() !== placeholders(reference).sort().join();
        })
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });

    it.each(pluralKeys)('words %s for exactly the plural categories of its language', (key) => {
      // `en` leaves an opt-in part's words to the part's English.
      const text = (dictionary[key as keyof Messages] ?? english[key]) as PluralText;
      const categories = categoriesOf(dictionary.lang);
      const expected = new Set([...categories.keys(), 'other']);
      expect(Object.keys(text).sort()).toEqual([...expected].sort());
      // A category for one number alone (English one, Arabic zero and two) may spell it out.
      const withoutCount = Object.entries(text)
        .filter(([, form]) => !form.includes('{count}'))
        .filter(([category]) => categories.get(category as Intl.LDMLPluralRule)?.length !== 1)
        .map(([category]) => category);
      expect(withoutCount).toEqual([]);
      // Every form names nothing but the count.
      const others = Object.values(text)
        .flatMap(placeholders)
        .filter((name) => name !== 'count');
      expect(others).toEqual([]);
    });
  });

  it('falls back to the other form for a language tag Intl cannot read', () => {
    const broken = { ...en, lang: 'not a tag!' };
    expect(plural(broken, en.attemptsLeft, 1)).toBe('1 attempts left');
  });

  it('picks the plural form by the language’s rules', () => {
    const polish = dictionaries.find(([, dictionary]) => dictionary.lang === 'pl')?.[1];
    const arabic = dictionaries.find(([, dictionary]) => dictionary.lang === 'ar')?.[1];
    if (!polish || !arabic) throw new Error('Polish and Arabic are among the dictionaries.');
    expect(plural(en, en.attemptsLeft, 1)).toBe('1 attempt left');
    expect(plural(en, en.attemptsLeft, 3)).toBe('3 attempts left');
    expect(plural(polish, polish.attemptsLeft, 22)).toBe(
      polish.attemptsLeft.few?.replace('{count}', '22'),
    );
    expect(plural(polish, polish.attemptsLeft, 25)).toBe(
      polish.attemptsLeft.many?.replace('{count}', '25'),
    );
    expect(plural(arabic, arabic.attemptsLeft, 2)).toBe(arabic.attemptsLeft.two);
    expect(plural(arabic, arabic.attemptsLeft, 11)).toBe(
      arabic.attemptsLeft.many?.replace('{count}', '11'),
    );
  });
});

describe('a right-to-left language', () => {
  it('lays the drop-in out right to left in its language, and passes axe', async () => {
    const arabic = dictionaries.find(([, dictionary]) => dictionary.lang === 'ar')?.[1];
    if (!arabic) throw new Error('Arabic is among the dictionaries.');
    const services = fakeServices({
      signIn: async () => challengeStep({ destination: 'a***@e***.com', codeLength: '6' }),
      confirmSignIn: async () => challengeStep({ attemptsLeft: '2' }),
    });
    const { container, user } = renderAuthenticator({ locale: arabic }, services);
    const root = container.querySelector('[data-part="root"]');
    expect([root?.getAttribute('lang'), root?.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    await user.type(await screen.findByLabelText(arabic.username), `${alice.username}{Enter}`);
    await user.type(await screen.findByLabelText(arabic.code), '000000');
    const attempts = plural(arabic, arabic.attemptsLeft, 2);
    expect(
      await screen.findByText(
        format(arabic.errorWithAttempts, { error: arabic.wrongCode, attempts }),
      ),
    ).toBeTruthy();
    const results = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(results.violations.map(({ id }) => id)).toEqual([]);
  });
});
