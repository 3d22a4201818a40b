import { sendsSms } from '../challenges/code/deployed-step.ts';
import { LINK_KEYS_VARIABLE } from '../challenges/magic-link/server/link-keys.ts';
import { LINK_KEYS_SECRET_VARIABLE } from '../challenges/magic-link/server/secrets-manager.ts';
import { checkedParty, PASSKEYS_VARIABLE } from '../challenges/passkey/server/deployed-party.ts';
import {
  type CfnTemplate,
  describeValue,
  functionVariables,
  referenceOf,
} from '../cloudformation/template.ts';
import { challengeTriggers, type TemplatePool } from '../cloudformation/user-pools.ts';
import { LIMITS_TABLE_VARIABLE } from '../triggers/limits/dynamodb-store.ts';
import { FLOW_VARIABLE } from '../triggers/presets/ready-handlers.ts';
import {
  type CustomAuthStepSpec,
  STEPS_VARIABLE,
  triggersOfStepsVariable,
} from '../triggers/presets/step-specs.ts';
import { functionOf, mayDo, mayDoAnywhere, runsReadyHandlers } from './template-checks.ts';
import { type DoctorCheck, notice, ok, problem } from './verdicts.ts';

/** What a function's environment names as its chain, for comparing the three. */
function chainNamed(properties: Record<string, unknown>): string {
  const variables = functionVariables(properties);
  return JSON.stringify(
    [FLOW_VARIABLE, STEPS_VARIABLE, PASSKEYS_VARIABLE].map((name) =>
      describeValue(variables[name]),
    ),
  );
}

/**
 * The chain the ready-made handlers run, as their environment names it: the same in the three
 * functions, one the handlers take, and what its steps need (a magic link: the link keys).
 * Handlers of your own are not judged.
 */
export function chainChecks(template: CfnTemplate, pool: TemplatePool): DoctorCheck[] {
  const functions = challengeTriggers.flatMap((trigger) => {
    const fn = functionOf(template, pool, trigger);
    return fn ? [fn] : [];
  });
  if (!functions.some((fn) => runsReadyHandlers(fn.properties))) return [];
  if (new Set(functions.map((fn) => chainNamed(fn.properties))).size > 1) {
    return [
      problem(
        'The trigger functions name different chains',
        'Define picks each round from the chain it knows, and Create and Verify run the step their own chain has there: when they disagree, sign-ins fail or skip a step.',
        `give the three functions the same ${STEPS_VARIABLE} (or ${FLOW_VARIABLE}), as the CDK construct does.`,
      ),
    ];
  }
  const variables = functionVariables(functions[0]?.properties);
  const steps = variables[STEPS_VARIABLE];
  if (steps === undefined) {
    return [ok(`The triggers run the ${describeValue(variables[FLOW_VARIABLE])} flow`)];
  }
  const passkeys = variables[PASSKEYS_VARIABLE];
  if (typeof steps !== 'string' || (passkeys !== undefined && typeof passkeys !== 'string')) {
    return [
      notice(
        `${STEPS_VARIABLE} or ${PASSKEYS_VARIABLE} is computed`,
        'the chain is known only once deployed, so it is not checked here.',
      ),
    ];
  }
  try {
    triggersOfStepsVariable(steps, {
      passkeys: typeof passkeys === 'string' ? checkedParty(JSON.parse(passkeys)) : undefined,
    });
  } catch (error) {
    return [
      problem(
        `The handlers refuse ${STEPS_VARIABLE}: ${(error as Error).message}`,
        'every sign-in fails at its first trigger.',
        'fix the chain; the CDK construct checks its steps at synth.',
      ),
    ];
  }
  const specs = JSON.parse(steps) as CustomAuthStepSpec[];
  const types = specs.map((spec) => spec.type);
  return [
    ok(`The triggers run the chain ${types.join(', then ')}`),
    ...(types.includes('magicLink') ? linkKeyChecks(template, pool) : []),
    ...(specs.some((spec) => spec.type === 'code' && sendsSms(spec))
      ? textingChecks(template, pool)
      : []),
    ...(types.some((type) => type === 'passkey' || type === 'passkeyEnrollment')
      ? stepUpChecks(template, pool)
      : []),
  ];
}

/** Create and Verify each read the keys links are signed with, from a secret, not the template. */
function linkKeyChecks(template: CfnTemplate, pool: TemplatePool): DoctorCheck[] {
  return (['CreateAuthChallenge', 'VerifyAuthChallengeResponse'] as const).flatMap((trigger) => {
    const fn = functionOf(template, pool, trigger);
    if (!fn) return [];
    const variables = functionVariables(fn.properties);
    if (variables[LINK_KEYS_VARIABLE] !== undefined) {
      return [
        problem(
          `${trigger} (${fn.id}) holds the link keys in its environment (${LINK_KEYS_VARIABLE})`,
          "whoever can read the template or the function's configuration can sign a link into any account.",
          `keep them in a Secrets Manager secret named by ${LINK_KEYS_SECRET_VARIABLE}, as the CDK construct does.`,
        ),
      ];
    }
    const named = variables[LINK_KEYS_SECRET_VARIABLE];
    const secretId = referenceOf(named);
    if (named === undefined) {
      return [
        problem(
          `${trigger} (${fn.id}) has no link keys (${LINK_KEYS_SECRET_VARIABLE})`,
          'every request for a sign-in link, and every link opened, fails.',
          `name a Secrets Manager secret of link keys in ${LINK_KEYS_SECRET_VARIABLE} and allow the function secretsmanager:GetSecretValue on it.`,
        ),
      ];
    }
    if (!secretId || template.Resources[secretId]?.Type !== 'AWS::SecretsManager::Secret') {
      return [
        notice(
          `${trigger}'s link keys are in a secret outside this template`,
          `${LINK_KEYS_SECRET_VARIABLE} is ${describeValue(named)}: whether the function may read it is not checked here.`,
        ),
      ];
    }
    return mayDo(template, fn.properties, secretId, ['secretsmanager:GetSecretValue'])
      ? [ok(`${trigger} reads the link keys from ${secretId}`)]
      : [
          problem(
            `${trigger} (${fn.id}) may not read the link keys in ${secretId}`,
            'every request for a sign-in link, and every link opened, fails.',
            "allow secretsmanager:GetSecretValue on the secret to the function's role (CDK: secret.grantRead(fn)).",
          ),
        ];
  });
}

/** Create may publish to SNS, which is how the ready handlers text a code. */
function textingChecks(template: CfnTemplate, pool: TemplatePool): DoctorCheck[] {
  const fn = functionOf(template, pool, 'CreateAuthChallenge');
  if (!fn) return [];
  return [
    mayDoAnywhere(template, fn.properties, 'sns:Publish')
      ? ok('CreateAuthChallenge may text codes (sns:Publish)')
      : problem(
          `CreateAuthChallenge (${fn.id}) may not text codes`,
          'the chain sends codes by SMS through Amazon SNS: without sns:Publish, every code by SMS fails.',
          "allow sns:Publish to the function's role (to phone numbers: every resource but topics, NotResource arn:<partition>:sns:*:*:*), as the CDK construct does.",
        ),
  ];
}

/**
 * Define may write the step-up a finished sign-in earns: without it, the sign-in a passkey
 * change asks for fails at its end, and no passkey can be added or removed.
 */
function stepUpChecks(template: CfnTemplate, pool: TemplatePool): DoctorCheck[] {
  const fn = functionOf(template, pool, 'DefineAuthChallenge');
  const tableId = fn && referenceOf(functionVariables(fn.properties)[LIMITS_TABLE_VARIABLE]);
  if (!fn || !tableId) return [];
  return [
    mayDo(template, fn.properties, tableId, ['dynamodb:PutItem'])
      ? ok('DefineAuthChallenge may grant the step-ups passkey changes use')
      : problem(
          `DefineAuthChallenge (${fn.id}) may not write step-ups to ${tableId}`,
          'a sign-in that asks for a step-up (to add or remove a passkey) fails at its last round, so passkeys can be neither added nor removed while signed in.',
          "allow dynamodb:PutItem on the table to Define's role, on keys under stepUp# (dynamodb:LeadingKeys), as the CDK construct does.",
        ),
  ];
}
