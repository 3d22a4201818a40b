import { CognitoError, invalidParameter } from './errors.ts';

/** A decoded JSON request body, read field by field with Cognito's validation messages. */
export type RequestBody = Record<string, unknown>;

/** A Cognito API operation: a decoded request body in, the JSON answer (or a CognitoError) out. */
export type Operation = (body: RequestBody) => unknown;

function fieldName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function asBody(value: unknown): RequestBody {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CognitoError('SerializationException', 'The request body must be a JSON object.');
  }
  return value as RequestBody;
}

export function requiredString(body: RequestBody, name: string, maxLength = 2048): string {
  const value = body[name];
  if (value === undefined || value === null) {
    throw invalidParameter(
      `1 validation error detected: Value null at '${fieldName(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (typeof value !== 'string') {
    throw invalidParameter(`Value at '${fieldName(name)}' must be a string.`);
  }
  if (value.length === 0 || value.length > maxLength) {
    throw invalidParameter(
      `1 validation error detected: Value at '${fieldName(name)}' failed to satisfy constraint: Member must have length between 1 and ${maxLength}`,
    );
  }
  return value;
}

export function optionalString(body: RequestBody, name: string, maxLength = 2048) {
  return body[name] === undefined || body[name] === null
    ? undefined
    : requiredString(body, name, maxLength);
}

/**
 * One entry of AuthParameters or ChallengeResponses that the flow needs, refused in Cognito's
 * words when absent or empty.
 */
export function requiredParameter(
  map: Record<string, string>,
  name: string,
  maxLength = 2048,
): string {
  const value = map[name];
  if (!value) throw invalidParameter(`Missing required parameter ${name}`);
  if (value.length > maxLength) {
    throw invalidParameter(`Value of parameter ${name} is longer than ${maxLength} characters.`);
  }
  return value;
}

/** A string-to-string map such as AuthParameters or ChallengeResponses. */
export function stringMap(body: RequestBody, name: string): Record<string, string> {
  const value = body[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter(`Value at '${fieldName(name)}' must be a map of strings.`);
  }
  const entries = Object.entries(value);
  for (const [key, entry] of entries) {
    if (typeof entry !== 'string') {
      throw invalidParameter(`Value at '${fieldName(name)}.${key}' must be a string.`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Cognito's `[{ Name, Value }]` attribute lists. */
export function attributeList(body: RequestBody, name: string): Record<string, string> {
  const value = body[name];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) {
    throw invalidParameter(`Value at '${fieldName(name)}' must be a list of attributes.`);
  }
  const attributes: Record<string, string> = {};
  for (const item of value) {
    const attribute = typeof item === 'object' && item !== null ? (item as RequestBody) : {};
    const attributeName = requiredString(attribute, 'Name', 32);
    attributes[attributeName] = optionalString(attribute, 'Value', 2048) ?? '';
  }
  return attributes;
}
