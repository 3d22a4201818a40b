import { passwordSymbol } from '../../shared/password-symbols.ts';
import { format, plural } from '../messages/index.ts';
import type { SignUpMessages } from './messages.ts';

/**
 * A user pool's password rules, named as Amplify names them in its configuration
 * (`Amplify.getConfig().Auth?.Cognito.passwordFormat`, read from amplify_outputs.json's
 * `password_policy`), so that an app can pass that object as it is. From Cognito's own
 * `PasswordPolicy` (DescribeUserPool): `MinimumLength` is `minLength`, `RequireUppercase`
 * `requireUppercase`, `RequireLowercase` `requireLowercase`, `RequireNumbers` `requireNumbers`,
 * `RequireSymbols` `requireSpecialCharacters`. A rule left out is not required.
 */
export interface PasswordPolicy {
  /** The fewest characters. */
  minLength?: number;
  /** A Basic Latin capital, A to Z. */
  requireUppercase?: boolean;
  /** A Basic Latin small letter, a to z. */
  requireLowercase?: boolean;
  /** A digit, 0 to 9. */
  requireNumbers?: boolean;
  /** One of Cognito's symbols: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - or a space. */
  requireSpecialCharacters?: boolean;
}

/** Cognito's policy for a pool that sets none: 8 characters, one of each class. */
export const cognitoDefaultPasswordPolicy: PasswordPolicy = {
  minLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSpecialCharacters: true,
};

type ClassRule = Exclude<keyof PasswordPolicy, 'minLength'>;

/** Each class as Cognito tests it (Basic Latin letters and digits, its list of symbols). */
const classRules: readonly [ClassRule, RegExp, keyof SignUpMessages][] = [
  ['requireUppercase', /[A-Z]/, 'passwordUppercase'],
  ['requireLowercase', /[a-z]/, 'passwordLowercase'],
  ['requireNumbers', /[0-9]/, 'passwordNumber'],
  ['requireSpecialCharacters', passwordSymbol, 'passwordSymbol'],
];

/** Whether the password keeps every rule of the policy. */
export function meetsPasswordPolicy(password: string, policy: PasswordPolicy): boolean {
  return (
    password.length >= (policy.minLength ?? 0) &&
    classRules.every(([rule, pattern]) => !policy[rule] || pattern.test(password))
  );
}

/** "a, b and c" in the dictionary's language; a plain list where Intl cannot read its tag. */
function listOf(lang: string, items: string[]): string {
  try {
    return new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The policy in the dictionary's words, as one sentence; null for a policy with no rules. */
export function passwordRulesText(policy: PasswordPolicy, messages: SignUpMessages): string | null {
  const rules = [
    ...(policy.minLength ? [plural(messages, messages.passwordMinLength, policy.minLength)] : []),
    ...classRules.filter(([rule]) => policy[rule]).map(([, , words]) => String(messages[words])),
  ];
  if (rules.length === 0) return null;
  return format(messages.passwordRules, {
    rules: listOf(messages.lang, rules),
  });
}
