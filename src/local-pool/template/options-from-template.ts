import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LINK_KEYS_VARIABLE } from '../../challenges/magic-link/server/link-keys.ts';
import { LINK_KEYS_SECRET_VARIABLE } from '../../challenges/magic-link/server/secrets-manager.ts';
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
    const { path, exportName } = moduleOf(template, functionId, templateDir);
    const loaded = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const handler = loaded[exportName];
    if (typeof handler !== 'function') {
      throw new Error(`${path} exports no function ${exportName} (${functionId}'s Handler).`);
    }
    handlers[handlerKeys[trigger]] = handler as LambdaHandler;
  }
  return handlers as TriggerHandlers;
}

/**
 * The functions' environment as the pool runs them: each literal variable, which the three
 * must agree on, without what lives in the AWS account: the limits table (the triggers count
 * in memory) and the link keys' secret (a key made for this run signs the links instead).
 */
function environmentOf(template: CfnTemplate, pool: TemplatePool): Record<string, string> {
  // Empty rather than absent: a table or secret named in the shell would otherwise be used.
  const environment: Record<string, string> = { [LIMITS_TABLE_VARIABLE]: '' };
  const inTheAccount = [LIMITS_TABLE_VARIABLE, LINK_KEYS_SECRET_VARIABLE];
  for (const trigger of challengeTriggers) {
    const functionId = pool.triggers[trigger]?.functionId ?? '';
    const variables = functionVariables(template.Resources[functionId]?.Properties);
    if (LINK_KEYS_SECRET_VARIABLE in variables) {
      environment[LINK_KEYS_SECRET_VARIABLE] = '';
      environment[LINK_KEYS_VARIABLE] ??= `local:${randomBytes(32).toString('base64url')}`;
    }
    for (const [name, value] of Object.entries(variables)) {
      if (inTheAccount.includes(name) || typeof value !== 'string') continue;
      if (environment[name] !== undefined && environment[name] !== value) {
        throw new Error(
          `The trigger functions give ${name} two values; the local pool runs them in one process.`,
        );
      }
      environment[name] = value;
    }
  }
  return environment;
}

/** The pool's custom attributes: the entries of its `Schema` that no pool has already. */
function customAttributesOf(pool: TemplatePool): string[] {
  const schema = (pool.properties.Schema ?? []) as { Name?: unknown }[];
  return schema
    .map((entry) => entry.Name)
    .filter((name): name is string => typeof name === 'string' && !isBuiltInAttribute(name));
}

/**
 * The local pool's options for a synthesized template (`cdk.out/<stack>.template.json`): its
 * one user pool's clients and their flows, custom attributes, case sensitivity, session
 * validity and user existence errors, and the trigger functions from their asset folders with their
 * environment, counting in memory in place of the table and sending to the outbox.
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
    preventUserExistenceErrors: main.PreventUserExistenceErrors === 'ENABLED',
    customAttributes: customAttributesOf(pool),
    triggers: await loadTriggers(template, pool, dirname(path)),
    environment: environmentOf(template, pool),
  };
}
