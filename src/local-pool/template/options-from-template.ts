import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LINK_KEYS_VARIABLE } from '../../challenges/magic-link/server/link-keys.ts';
import { LINK_KEYS_SECRET_VARIABLE } from '../../challenges/magic-link/server/secrets-manager.ts';
import type { HttpRequestEvent, HttpResponse } from '../../challenges/passkey/server/http.ts';
import {
  COGNITO_ENDPOINT_VARIABLE,
  passkeyManagementVariables,
  USER_POOL_ID_VARIABLE,
} from '../../challenges/passkey/server/ready-functions.ts';
import { readTemplate } from '../../cloudformation/read-template.ts';
import type { CfnTemplate } from '../../cloudformation/template.ts';
import { booleanOf, describeValue, functionVariables } from '../../cloudformation/template.ts';
import {
  type ChallengeTrigger,
  challengeTriggers,
  enabledFlows,
  type TemplateClient,
  type TemplatePool,
  templatePools,
} from '../../cloudformation/user-pools.ts';
import { LIMITS_TABLE_VARIABLE } from '../../triggers/limits/dynamodb-store.ts';
import { readyTriggerVariables } from '../../triggers/presets/ready-handlers.ts';
import { isBuiltInAttribute } from '../accounts/attribute-schema.ts';
import { parseExplicitAuthFlows } from '../clients/explicit-auth-flows.ts';
import type { LocalPoolOptions } from '../pool/options.ts';
import type { LambdaHandler, TriggerHandlers } from '../sign-in/trigger-runner.ts';

/** The trigger functions' handler names, as the pool calls them. */
const handlerKeys: Record<ChallengeTrigger, keyof TriggerHandlers> = {
  DefineAuthChallenge: 'defineAuthChallenge',
  CreateAuthChallenge: 'createAuthChallenge',
  VerifyAuthChallengeResponse: 'verifyAuthChallengeResponse',
};

const flowsOf = (client: TemplateClient) =>
  parseExplicitAuthFlows(enabledFlows(client.ExplicitAuthFlows));

/** The one user pool of the template; a template with none or several is refused. */
function onlyPool(template: CfnTemplate, path: string): TemplatePool {
  const pools = templatePools(template);
  if (pools.length !== 1) {
    throw new Error(
      `${path} creates ${pools.length} user pools; the local pool runs a template with exactly one.`,
    );
  }
  return pools[0] as TemplatePool;
}

/** The module file of a function's code: the asset folder CDK wrote beside the template. */
function moduleOf(template: CfnTemplate, functionId: string, templateDir: string) {
  const fn = template.Resources[functionId];
  const assetPath = fn?.Metadata?.['aws:asset:path'];
  const handler = describeValue(fn?.Properties?.Handler) ?? '';
  const [file, exportName] = [
    handler.slice(0, handler.lastIndexOf('.')),
    handler.slice(handler.lastIndexOf('.') + 1),
  ];
  if (typeof assetPath !== 'string' || !file || !exportName) {
    throw new Error(
      `${functionId} has no code the local pool can run: it needs a CDK asset (aws:asset:path in its Metadata, as cdk synth writes) and a Handler such as index.handler.`,
    );
  }
  const folder = isAbsolute(assetPath) ? assetPath : join(templateDir, assetPath);
  const found = ['.mjs', '.js', '.cjs']
    .map((extension) => join(folder, file + extension))
    .find(existsSync);
  if (!found) throw new Error(`${functionId}'s handler ${handler} is not in ${folder}.`);
  return { path: found, exportName };
}

/** A function's handler, loaded from its asset folder. */
async function loadHandler(template: CfnTemplate, functionId: string, templateDir: string) {
  const { path, exportName } = moduleOf(template, functionId, templateDir);
  const loaded = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const handler = loaded[exportName];
  if (typeof handler !== 'function') {
    throw new Error(`${path} exports no function ${exportName} (${functionId}'s Handler).`);
  }
  return handler;
}

/** The three trigger handlers of the pool, loaded from their asset folders. */
async function loadTriggers(template: CfnTemplate, pool: TemplatePool, templateDir: string) {
  const handlers: Partial<TriggerHandlers> = {};
  for (const trigger of challengeTriggers) {
    const functionId = pool.triggers[trigger]?.functionId;
    if (!functionId) {
      throw new Error(
        `The pool's ${trigger} trigger is not a function of the template: the local pool runs only what the template holds.`,
      );
    }
    handlers[handlerKeys[trigger]] = (await loadHandler(
      template,
      functionId,
      templateDir,
    )) as LambdaHandler;
  }
  return handlers as TriggerHandlers;
}

type HttpHandler = (event: HttpRequestEvent) => Promise<HttpResponse>;

/** The shipped bundle's passkey functions, by the handler each one exports. */
const passkeyHandlers = { passkeyChallenge: 'challenge', passkeyManagement: 'management' } as const;

/**
 * The template's passkey functions (the CDK construct's, found by their handlers), loaded to
 * serve the pool's passkey paths over the passkeys its triggers keep.
 */
async function loadPasskeyFunctions(template: CfnTemplate, templateDir: string) {
  const functions: NonNullable<LocalPoolOptions['passkeyFunctions']> = {};
  const functionIds: string[] = [];
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const handler = describeValue(resource.Properties?.Handler) ?? '';
    const role =
      passkeyHandlers[handler.slice(handler.lastIndexOf('.') + 1) as keyof typeof passkeyHandlers];
    if (!role) continue;
    if (functions[role]) {
      throw new Error(
        `${functionId} is a second ${handler} function: the local pool serves one of each.`,
      );
    }
    functions[role] = (await loadHandler(template, functionId, templateDir)) as HttpHandler;
    functionIds.push(functionId);
  }
  return { functions, functionIds };
}

/**
 * The variables the kit's functions read: those the template does not set are empty while the
 * pool runs, so that a value left in the shell never changes what runs (a flow beside the
 * template's steps, a table or secret in the account).
 */
const kitVariables = new Set([...readyTriggerVariables, ...passkeyManagementVariables]);

/**
 * The functions' environment as the pool runs them: each literal variable, which the functions
 * must agree on, without what lives in the AWS account: the limits table (the triggers count
 * in memory) and the link keys' secret (a key made for this run signs the links instead).
 */
function environmentOf(template: CfnTemplate, functionIds: string[]): Record<string, string> {
  const given: Record<string, string> = {};
  let namesLinkSecret = false;
  for (const functionId of functionIds) {
    const variables = functionVariables(template.Resources[functionId]?.Properties);
    namesLinkSecret ||= LINK_KEYS_SECRET_VARIABLE in variables;
    for (const [name, value] of Object.entries(variables)) {
      if (typeof value !== 'string') continue;
      if (given[name] !== undefined && given[name] !== value) {
        throw new Error(
          `The functions give ${name} two values; the local pool runs them in one process.`,
        );
      }
      given[name] = value;
    }
  }
  const blank = Object.fromEntries([...kitVariables].map((name) => [name, '']));
  return {
    ...blank,
    ...given,
    [LIMITS_TABLE_VARIABLE]: '',
    [LINK_KEYS_SECRET_VARIABLE]: '',
    ...(namesLinkSecret
      ? { [LINK_KEYS_VARIABLE]: `local:${randomBytes(32).toString('base64url')}` }
      : {}),
  };
}

/** The pool's custom attributes: the entries of its `Schema` that no pool has already. */
function customAttributesOf(pool: TemplatePool): string[] {
  const schema = (pool.properties.Schema ?? []) as { Name?: unknown }[];
  return schema
    .map((entry) => entry.Name)
    .filter((name): name is string => typeof name === 'string' && !isBuiltInAttribute(name));
}

/**
 * The functions' environment, and the passkey functions when the template has them: the
 * management function then asks this pool's GetUser about this pool's tokens.
 */
async function functionOptions(
  template: CfnTemplate,
  pool: TemplatePool,
  templateDir: string,
): Promise<Pick<LocalPoolOptions, 'environment' | 'passkeyFunctions'>> {
  const triggerIds = challengeTriggers.map((trigger) => pool.triggers[trigger]?.functionId ?? '');
  const { functions, functionIds } = await loadPasskeyFunctions(template, templateDir);
  const environment = environmentOf(template, [...triggerIds, ...functionIds]);
  if (!functions.management) return { environment, passkeyFunctions: functions };
  return {
    passkeyFunctions: functions,
    environment: ({ endpoint, userPoolId }) => ({
      ...environment,
      [USER_POOL_ID_VARIABLE]: userPoolId,
      [COGNITO_ENDPOINT_VARIABLE]: endpoint,
    }),
  };
}

const secondsPerUnit: Record<string, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86_400,
};

/** The client's access token validity in seconds; Cognito's default, an hour, when unset. */
function accessTokenSecondsOf(client: TemplateClient): number {
  if (client.AccessTokenValidity === undefined) return 3600;
  const unit = client.AccessTokenUnit ?? 'hours';
  const seconds = secondsPerUnit[unit];
  if (seconds === undefined) {
    throw new Error(`${client.logicalId}: TokenValidityUnits.AccessToken ${unit} is not a unit.`);
  }
  return client.AccessTokenValidity * seconds;
}

/**
 * The local pool's options for a synthesized template (`cdk.out/<stack>.template.json`): its
 * one user pool's clients and their flows, custom attributes, case sensitivity, session and
 * access token validity and user existence errors, and the trigger functions from their asset
 * folders with their environment, counting in memory in place of the table and sending to the
 * outbox.
 */
export async function localPoolOptionsFromTemplate(
  templatePath: string,
): Promise<LocalPoolOptions> {
  const path = resolve(templatePath);
  const template = await readTemplate(path);
  const pool = onlyPool(template, templatePath);
  const [main, ...others] = [
    ...pool.clients.filter((client) => flowsOf(client).includes('ALLOW_CUSTOM_AUTH')),
    ...pool.clients.filter((client) => !flowsOf(client).includes('ALLOW_CUSTOM_AUTH')),
  ];
  if (!main) throw new Error(`${templatePath} creates no app client for its user pool.`);
  const caseSensitive = booleanOf(
    (pool.properties.UsernameConfiguration as { CaseSensitive?: unknown } | undefined)
      ?.CaseSensitive,
  );
  return {
    clientId: main.logicalId,
    explicitAuthFlows: flowsOf(main),
    extraClients: others.map((client) => ({
      clientId: client.logicalId,
      ...(client.ClientName ? { clientName: client.ClientName } : {}),
      explicitAuthFlows: flowsOf(client),
    })),
    // A pool created without the setting is case-sensitive, as Cognito's API makes it.
    caseSensitive: caseSensitive ?? true,
    sessionValiditySeconds: (main.AuthSessionValidity ?? 3) * 60,
    tokenValiditySeconds: accessTokenSecondsOf(main),
    preventUserExistenceErrors: main.PreventUserExistenceErrors === 'ENABLED',
    customAttributes: customAttributesOf(pool),
    triggers: await loadTriggers(template, pool, dirname(path)),
    ...(await functionOptions(template, pool, dirname(path))),
  };
}
