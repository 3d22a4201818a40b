/** A CloudFormation template, as much of it as the doctor and the local pool read. */
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  /** CDK writes where an asset's files are: `aws:asset:path`. */
  Metadata?: Record<string, unknown>;
}

/** The resources of one type, by logical id. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/**
 * The logical id a value points at (`{ Ref }`, `{ "Fn::GetAtt": [id, attribute] }` or
 * `"id.attribute"`), or undefined for a literal or any other function.
 */
export function referenceOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** A string property: the literal, or a name for what it points at, or undefined when absent. */
export function describeValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const reference = referenceOf(value);
  return reference ? `(${reference})` : '(computed)';
}

/** A boolean property, which templates may write as a string. */
export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** A number property, which templates may write as a string. */
export function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** A list of literal strings; other entries (functions) are named as `describeValue` does. */
export function stringsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((entry) => describeValue(entry) ?? '');
}

/** The resources whose `property` points at the resource `id`. */
export function pointingAt(
  template: CfnTemplate,
  type: string,
  property: string,
  id: string,
): [string, CfnResource][] {
  return resourcesOfType(template, type).filter(
    ([, resource]) => referenceOf(resource.Properties?.[property]) === id,
  );
}

/** A Lambda function's environment variables, as its properties give them. */
export const functionVariables = (properties: Record<string, unknown> | undefined) =>
  (properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
