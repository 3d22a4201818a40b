import type { DescribedPool } from './described.ts';
import { type DoctorCheck, notice, ok, problem } from './verdicts.ts';

type DeliveryAttribute = 'email' | 'phone_number';

/**
 * The attributes the kit's codes and links go to. Email always: the code step prefers it, so
 * even a pool that signs in by phone number mails its codes to any address a user adds.
 * The phone number when the pool shows it uses one: every pool's schema lists it among the
 * standard attributes, so only a use of it counts, not its mere presence.
 */
function deliveryAttributes(pool: DescribedPool): DeliveryAttribute[] {
  const usesPhone =
    [pool.AutoVerifiedAttributes, pool.UsernameAttributes, pool.AliasAttributes].some((list) =>
      list?.includes('phone_number'),
    ) ||
    (pool.SchemaAttributes ?? []).some(
      (attribute) => attribute.Name === 'phone_number' && attribute.Required === true,
    );
  return usesPhone ? ['email', 'phone_number'] : ['email'];
}

function unverifiedChangeTitle(missing: readonly DeliveryAttribute[]): string {
  if (missing.length > 1) {
    return 'An email or phone_number change takes effect before the new value is verified';
  }
  return missing[0] === 'email'
    ? 'An email change takes effect before the new address is verified'
    : 'A phone_number change takes effect before the new number is verified';
}

/**
 * Whether a change of the address codes go to waits for that address to be proven. Without
 * it, UpdateUserAttributes replaces the address at once and unverified.
 */
export function attributeUpdateChecks(pool: DescribedPool): DoctorCheck[] {
  const wanted = deliveryAttributes(pool);
  const verified =
    pool.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  const missing = wanted.filter((attribute) => !verified.includes(attribute));
  if (missing.length === 0) {
    return [ok(`A change of ${wanted.join(' or ')} takes effect only once verified`)];
  }
  const list = JSON.stringify(wanted);
  return [
    problem(
      unverifiedChangeTitle(missing),
      'UpdateUserAttributes with any of the user’s access tokens replaces the address at ' +
        'once, before a code has reached it: the account’s codes and links then follow a ' +
        'value nobody proved. A mistyped address locks the user out, and whoever holds a ' +
        'token (a leaked one, a script on the page) moves the sign-in to an address of their ' +
        'choosing in one call.',
      `set UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate to ${list} ` +
        `on the user pool, with the same attributes in AutoVerifiedAttributes (CDK: ` +
        'keepOriginal and autoVerify; console: "Keep original attribute value active when an ' +
        'update is pending"). The old value then keeps working until the new one is confirmed ' +
        'with a code sent to it.',
    ),
  ];
}

/**
 * Case sensitivity, as a notice rather than a problem: Cognito cannot change it on an existing
 * pool, and the kit binds links and account records to `sub`, so either setting is safe. Users should still know that names differing only in case are different accounts.
 */
export function usernameCaseCheck(pool: DescribedPool): DoctorCheck {
  const configured = pool.UsernameConfiguration?.CaseSensitive;
  if (configured === false) return ok('Usernames are case-insensitive');
  return notice(
    configured === undefined
      ? 'Usernames are case-sensitive (the pool predates the setting)'
      : 'Usernames are case-sensitive',
    '"Alice" and "alice" are two accounts, each with its own codes, and someone who types ' +
      'their name in another case reaches another account or none. The kit is safe either ' +
      'way: it binds links and account records to sub, never to the name; give the ' +
      'triggers limits.caseSensitiveUsernames: true so that names nobody has are counted ' +
      'as the pool compares them. The setting ' +
      'cannot be changed on an existing pool; if it matters, lower-case names in the app ' +
      'at sign-up and sign-in, or move users to a new pool with CaseSensitive false.',
  );
}
