import { invalidParameter, notAuthorized } from '../protocol/errors.ts';

/** One entry of DescribeUserPool's SchemaAttributes, as the API reference shapes it. */
export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'Boolean';
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength: string; MaxLength: string };
  NumberAttributeConstraints?: { MinValue: string };
}

/** OpenID Connect's standard claims, which every Cognito pool has and a client may write. */
const standardAttributes = [
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
];

/**
 * In every pool's schema, but set by Cognito alone: a client that wrote `sub` could pose as
 * another user, and one that wrote a `_verified` flag would skip verification.
 */
const poolOwnedAttributes = ['sub', 'identities', 'email_verified', 'phone_number_verified'];

/** Whether a schema entry's name is one every pool has (standard, or set by Cognito alone). */
export const isBuiltInAttribute = (name: string) =>
  standardAttributes.includes(name) || poolOwnedAttributes.includes(name);

const customPrefix = 'custom:';
/** CustomAttributeNameType in the API reference. */
const customNamePattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,20}$/u;

/**
 * A custom attribute's name as CreateUserPool takes it, with or without `custom:`; throws a
 * message naming what Cognito would refuse.
 */
export function customAttributeName(name: string): string {
  const bare = name.startsWith(customPrefix) ? name.slice(customPrefix.length) : name;
  if (!customNamePattern.test(bare)) {
    throw new Error(
      `a custom attribute's name has 1 to 20 letters, digits, marks, symbols or punctuation, not "${name}".`,
    );
  }
  return bare;
}

const text = (name: string, mutable = true, required = false): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: mutable,
  Required: required,
  StringAttributeConstraints: { MinLength: required ? '1' : '0', MaxLength: '2048' },
});

const flag = (name: string): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'Boolean',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

function describeStandard(name: string): SchemaAttribute {
  if (name === 'sub') return text(name, false, true);
  if (name.endsWith('_verified')) return flag(name);
  if (name === 'updated_at') {
    return {
      ...flag(name),
      AttributeDataType: 'Number',
      NumberAttributeConstraints: { MinValue: '0' },
    };
  }
  return text(name);
}

/** The pool's user attributes: the standard ones and the custom ones it was started with. */
export class AttributeSchema {
  private readonly custom: ReadonlySet<string>;

  /** `customNames`: bare names (`tier` for `custom:tier`), already checked. */
  constructor(customNames: readonly string[] = []) {
    this.custom = new Set(customNames.map((name) => `${customPrefix}${name}`));
  }

  /** Throws Cognito's refusal for an attribute outside the schema, which it cannot type. */
  checkInSchema(names: readonly string[]): void {
    const unknown = names.find((name) => !this.has(name));
    if (unknown !== undefined) {
      throw invalidParameter(
        `Attributes did not conform to the schema: Type for attribute {${unknown}} could not be determined`,
      );
    }
  }

  /**
   * Throws Cognito's refusal for SignUp attributes: one outside the schema first, then one
   * only Cognito may set.
   */
  checkSignUp(names: readonly string[]): void {
    this.checkInSchema(names);
    if (names.some((name) => poolOwnedAttributes.includes(name))) {
      throw notAuthorized('A client attempted to write unauthorized attribute');
    }
  }

  /** DescribeUserPool's SchemaAttributes. */
  describe(): SchemaAttribute[] {
    return [
      ...['sub', ...standardAttributes, ...poolOwnedAttributes.slice(1)].map(describeStandard),
      ...[...this.custom].map((name) => text(name)),
    ];
  }

  private has(name: string): boolean {
    return (
      standardAttributes.includes(name) ||
      poolOwnedAttributes.includes(name) ||
      this.custom.has(name)
    );
  }
}
