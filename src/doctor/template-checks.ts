import {
  type CfnTemplate,
  describeValue,
  functionVariables,
  referenceOf,
} from '../cloudformation/template.ts';
import type { ChallengeTrigger, TemplatePool } from '../cloudformation/user-pools.ts';
import { SENDER_EMAIL_VARIABLE } from '../triggers/delivery/ses.ts';
import { attemptStoreActions, LIMITS_TABLE_VARIABLE } from '../triggers/limits/dynamodb-store.ts';
import { FLOW_VARIABLE } from '../triggers/presets/ready-handlers.ts';
import { STEPS_VARIABLE } from '../triggers/presets/step-specs.ts';
import { type DoctorCheck, notice, ok, problem } from './verdicts.ts';

/** The oldest Node.js major Lambda still runs (AWS deprecated nodejs20.x on 30 April 2026). */
const oldestSupportedNode = 22;

/** What a trigger's function looks like in the template, or why it cannot be seen. */
export function functionOf(template: CfnTemplate, pool: TemplatePool, trigger: ChallengeTrigger) {
  const attached = pool.triggers[trigger];
  if (!attached?.functionId) return undefined;
  return {
    id: attached.functionId,
    properties: template.Resources[attached.functionId]?.Properties ?? {},
  };
}

/** Each trigger function of the template on a Node.js runtime Lambda still supports. */
export function runtimeChecks(template: CfnTemplate, pool: TemplatePool): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  for (const trigger of Object.keys(pool.triggers) as ChallengeTrigger[]) {
    const fn = functionOf(template, pool, trigger);
    if (!fn) {
      checks.push(
        notice(
          `${trigger} runs a function outside this template`,
          'its runtime and settings are not checked here; the doctor checks them on the deployed pool only through its answers.',
        ),
      );
      continue;
    }
    const runtime = describeValue(fn.properties.Runtime) ?? '(none)';
    const major = Number(/^nodejs(\d+)/.exec(runtime)?.[1]);
    checks.push(
      major >= oldestSupportedNode
        ? ok(`${trigger} runs on ${runtime}`)
        : problem(
            `${trigger} (${fn.id}) runs on ${runtime}`,
            `the triggers need Node.js ${oldestSupportedNode} or later on Lambda: older runtimes are deprecated, and a deprecated runtime can no longer be updated.`,
            'set Runtime to nodejs24.x (CDK: Runtime.NODEJS_24_X).',
          ),
    );
  }
  return checks;
}

interface TableShape {
  id: string;
  properties: Record<string, unknown>;
}

/** How the table falls short of what the DynamoDB attempt store needs, if it does. */
function tableShortfalls({ properties }: TableShape): string[] {
  const keys = (properties.KeySchema ?? []) as { AttributeName?: string; KeyType?: string }[];
  const attributes = (properties.AttributeDefinitions ?? []) as {
    AttributeName?: string;
    AttributeType?: string;
  }[];
  const ttl = properties.TimeToLiveSpecification as
    | { AttributeName?: string; Enabled?: unknown }
    | undefined;
  const shortfalls: string[] = [];
  const hash = keys.find((key) => key.KeyType === 'HASH');
  const hashType = attributes.find((attribute) => attribute.AttributeName === hash?.AttributeName);
  if (hash?.AttributeName !== 'pk' || hashType?.AttributeType !== 'S' || keys.length !== 1) {
    shortfalls.push('its key must be the string pk alone');
  }
  if (ttl?.AttributeName !== 'ttl' || !(ttl.Enabled === true || ttl.Enabled === 'true')) {
    shortfalls.push('Time to Live must be on, on the attribute ttl');
  }
  return shortfalls;
}

interface Statement {
  Effect?: string;
  Action?: unknown;
  Resource?: unknown;
}

/** The statements of the policies attached to a role of the template. */
function statementsOfRole(template: CfnTemplate, role: string): Statement[] {
  return Object.values(template.Resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::IAM::Policy' &&
        ((resource.Properties?.Roles ?? []) as unknown[]).some(
          (entry) => referenceOf(entry) === role,
        ),
    )
    .flatMap(
      (policy) =>
        ((policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)
          ?.Statement ?? []) as Statement[],
    );
}

/** The grants that allow `action`: itself, its service's every action, and every action. */
const grantsOf = (action: string) => [action, `${action.split(':')[0]}:*`, '*'];

/** Whether the function's role allows `action` on some resource (sending, which names none). */
export function mayDoAnywhere(
  template: CfnTemplate,
  functionProperties: Record<string, unknown>,
  action: string,
): boolean {
  const role = referenceOf(functionProperties.Role);
  return (
    role !== undefined &&
    statementsOfRole(template, role).some(
      (statement) =>
        statement.Effect === 'Allow' &&
        [statement.Action].flat().some((granted) => grantsOf(action).includes(granted as string)),
    )
  );
}

/** Whether the function's role allows each of `actions` on the template's resource `resourceId`. */
export function mayDo(
  template: CfnTemplate,
  functionProperties: Record<string, unknown>,
  resourceId: string,
  actions: readonly string[],
) {
  const role = referenceOf(functionProperties.Role);
  if (!role) return false;
  const granted = statementsOfRole(template, role)
    .filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        [statement.Resource]
          .flat()
          .some((resource) => resource === '*' || referenceOf(resource) === resourceId),
    )
    .flatMap((statement) => [statement.Action].flat());
  const allows = (action: string) => grantsOf(action).some((grant) => granted.includes(grant));
  return actions.every(allows);
}

/**
 * The sign-in limits' table, as the Create and Verify triggers name it in
 * `CUSTOM_AUTH_LIMITS_TABLE`: there, shaped as the store needs, and open to both.
 */
export function limitsTableChecks(template: CfnTemplate, pool: TemplatePool): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  for (const trigger of ['CreateAuthChallenge', 'VerifyAuthChallengeResponse'] as const) {
    const fn = functionOf(template, pool, trigger);
    if (!fn) continue;
    const named = functionVariables(fn.properties)[LIMITS_TABLE_VARIABLE];
    if (named === undefined) {
      checks.push(
        notice(
          `${trigger} names no limits table (${LIMITS_TABLE_VARIABLE})`,
          'the ready-made handlers refuse to run on Lambda without one; handlers of your own are fine only if they pass limits.store in their code.',
        ),
      );
      continue;
    }
    const tableId = referenceOf(named);
    const table = tableId ? template.Resources[tableId] : undefined;
    if (!tableId || table?.Type !== 'AWS::DynamoDB::Table') {
      checks.push(
        notice(
          `${trigger}'s limits table is outside this template`,
          `${LIMITS_TABLE_VARIABLE} is ${describeValue(named)}: its key, Time to Live and permissions are not checked here.`,
        ),
      );
      continue;
    }
    const shortfalls = tableShortfalls({ id: tableId, properties: table.Properties ?? {} });
    if (!mayDo(template, fn.properties, tableId, attemptStoreActions)) {
      shortfalls.push(
        `${trigger}'s role must allow dynamodb:GetItem, PutItem and UpdateItem on it`,
      );
    }
    checks.push(
      shortfalls.length === 0
        ? ok(`${trigger} counts attempts in ${tableId}`)
        : problem(
            `The limits table ${tableId} of ${trigger}: ${shortfalls.join('; ')}`,
            'the attempt store reads and writes items keyed by pk, lets them expire through ttl, and fails the sign-in when it cannot: limits that cannot be counted are not enforced.',
            'create the table as the CDK construct does (partition key pk of type String, TimeToLiveSpecification on ttl) and grant the trigger dynamodb:GetItem, PutItem and UpdateItem on it.',
          ),
    );
  }
  return checks;
}

/** Whether a function runs the shipped handlers, which name their chain or flow in their environment. */
export const runsReadyHandlers = (properties: Record<string, unknown>) =>
  [FLOW_VARIABLE, STEPS_VARIABLE].some((name) => functionVariables(properties)[name] !== undefined);

/**
 * The ready-made handlers' sender: an address in `CUSTOM_AUTH_SENDER_EMAIL`, and leave to
 * send from SES. Handlers of your own are not judged.
 */
export function senderChecks(template: CfnTemplate, pool: TemplatePool): DoctorCheck[] {
  const fn = functionOf(template, pool, 'CreateAuthChallenge');
  if (!fn || !runsReadyHandlers(fn.properties)) return [];
  const sender = describeValue(functionVariables(fn.properties)[SENDER_EMAIL_VARIABLE]);
  if (sender && mayDoAnywhere(template, fn.properties, 'ses:SendEmail'))
    return [ok(`CreateAuthChallenge sends codes from ${sender}`)];
  return [
    problem(
      sender
        ? `CreateAuthChallenge (${fn.id}) may not send from SES`
        : `CreateAuthChallenge (${fn.id}) has no sender (${SENDER_EMAIL_VARIABLE})`,
      'the ready-made handlers email each code through Amazon SES: without an address and leave to send, every sign-in fails at its first code.',
      'give the construct senderEmail (an address or domain verified in SES), or set ' +
        `${SENDER_EMAIL_VARIABLE} and allow ses:SendEmail from that identity on the function's role.`,
    ),
  ];
}
