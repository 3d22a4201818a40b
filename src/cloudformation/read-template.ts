import { readFile } from 'node:fs/promises';
import type { CfnTemplate } from './template.ts';

/** CloudFormation's short forms in YAML, each as the long form JSON would have. */
const shortForms = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Condition',
];

type YamlModule = typeof import('yaml');

/** The YAML tags of CloudFormation: `!Ref x`, `!GetAtt a.b`, `!Sub ...`, in every shape. */
function cloudFormationTags() {
  const longForm = (name: string, value: unknown) =>
    name === 'Ref' || name === 'Condition'
      ? { [name]: value }
      : {
          [`Fn::${name}`]:
            name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value,
        };
  return ['Ref', ...shortForms].flatMap((name) => [
    { tag: `!${name}`, resolve: (value: string) => longForm(name, value) },
    ...(['seq', 'map'] as const).map((collection) => ({
      tag: `!${name}`,
      collection,
      resolve: (node: { toJSON: () => unknown }) => longForm(name, node.toJSON()),
    })),
  ]);
}

async function parseYaml(text: string, path: string): Promise<unknown> {
  let yaml: YamlModule;
  try {
    yaml = await import('yaml');
  } catch {
    throw new Error(
      `${path} is YAML: reading it needs the optional package yaml (npm install --save-dev yaml), or give the JSON template.`,
    );
  }
  return yaml.parse(text, { customTags: cloudFormationTags(), uniqueKeys: false });
}

/**
 * Reads a CloudFormation template in JSON (what `cdk synth` writes to cdk.out) or YAML.
 * Throws an Error that says what is wrong with the file.
 */
export async function readTemplate(path: string): Promise<CfnTemplate> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the template ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = text.trimStart().startsWith('{') ? JSON.parse(text) : await parseYaml(text, path);
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(
      message.startsWith(path) ? message : `${path} is not valid JSON or YAML: ${message}`,
    );
  }
  const resources = (parsed as { Resources?: unknown } | null)?.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    throw new Error(`${path} is not a CloudFormation template: it has no Resources section.`);
  }
  for (const [id, resource] of Object.entries(resources)) {
    const shaped = resource as { Type?: unknown; Properties?: unknown } | null;
    const properties = shaped?.Properties;
    if (
      typeof shaped !== 'object' ||
      shaped === null ||
      typeof shaped.Type !== 'string' ||
      (properties !== undefined &&
        (typeof properties !== 'object' || properties === null || Array.isArray(properties)))
    ) {
      throw new Error(
        `${path} is not a CloudFormation template: its resource ${id} needs a Type, and Properties that are an object.`,
      );
    }
  }
  return { Resources: resources as CfnTemplate['Resources'] };
}
