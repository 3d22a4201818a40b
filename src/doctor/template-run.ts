import { readTemplate } from '../cloudformation/read-template.ts';
import { booleanOf, type CfnTemplate } from '../cloudformation/template.ts';
import {
  type TemplateClient,
  type TemplatePool,
  templatePools,
} from '../cloudformation/user-pools.ts';
import { passkeyTargets, type TemplateArgs } from './args.ts';
import { chainChecks } from './chain-checks.ts';
import { checkPoolForCustomAuth, type DescribedClient, type DescribedPool } from './checks.ts';
import type { DoctorIo } from './io.ts';
import { checkPasskeys } from './passkey-checks.ts';
import { printReport, printSummary, type ReportCount } from './report.ts';
import { limitsTableChecks, runtimeChecks, senderChecks } from './template-checks.ts';

/** A template's pool as DescribeUserPool would answer for it once deployed. */
function describedPool(pool: TemplatePool): DescribedPool {
  const properties = pool.properties as DescribedPool & {
    Schema?: DescribedPool['SchemaAttributes'];
  };
  return {
    Id: pool.logicalId,
    ...(pool.domain ? { [pool.domain.custom ? 'CustomDomain' : 'Domain']: pool.domain.name } : {}),
    LambdaConfig: Object.fromEntries(
      Object.entries(pool.triggers).map(([trigger, attached]) => [trigger, attached.value]),
    ),
    AutoVerifiedAttributes: properties.AutoVerifiedAttributes,
    UsernameAttributes: properties.UsernameAttributes,
    AliasAttributes: properties.AliasAttributes,
    SchemaAttributes: properties.Schema,
    UserAttributeUpdateSettings: properties.UserAttributeUpdateSettings,
    // A pool created without the setting is case-sensitive, as Cognito's API makes it.
    UsernameConfiguration: {
      CaseSensitive: booleanOf(properties.UsernameConfiguration?.CaseSensitive) ?? true,
    },
  };
}

const describedClient = ({ logicalId, ...client }: TemplateClient): DescribedClient => ({
  ClientId: logicalId,
  ...Object.fromEntries(Object.entries(client).filter(([, value]) => value !== undefined)),
});

/** The client the app signs in with: the one named, the only one, or the first with the custom flow. */
function appClientOf(pool: TemplatePool, named: string | undefined): TemplateClient | undefined {
  if (named) return pool.clients.find((client) => client.logicalId === named);
  if (pool.clients.length === 1) return pool.clients[0];
  return (
    pool.clients.find((client) => client.ExplicitAuthFlows?.includes('ALLOW_CUSTOM_AUTH')) ??
    pool.clients[0]
  );
}

async function checkTemplatePool(
  template: CfnTemplate,
  pool: TemplatePool,
  args: TemplateArgs,
  io: DoctorIo,
): Promise<ReportCount> {
  const app = appClientOf(pool, args.clientId);
  if (!app) {
    return (
      printReport(`User pool ${pool.logicalId}:`, [], io.out) && {
        problems: 1,
        notes: 0,
      }
    );
  }
  const others = pool.clients.filter((client) => client !== app).map(describedClient);
  const client = describedClient(app);
  const checks = [
    ...checkPoolForCustomAuth(describedPool(pool), client, {
      sessionValidityMinutes: args.sessionValidityMinutes,
      otherClients: others,
    }),
    ...runtimeChecks(template, pool),
    ...chainChecks(template, pool),
    ...limitsTableChecks(template, pool),
    ...senderChecks(template, pool),
    ...(await checkPasskeys(client, passkeyTargets(args), io.fetch)),
  ];
  const also =
    others.length > 0
      ? ` and ${others.length} other app client${others.length === 1 ? '' : 's'}`
      : '';
  return printReport(
    `User pool ${pool.logicalId}, app client ${app.logicalId}${also}:`,
    checks,
    io.out,
  );
}

/** The doctor on a template before deploy: every user pool it creates. */
export async function runTemplateDoctor(args: TemplateArgs, io: DoctorIo): Promise<number> {
  let template: CfnTemplate;
  try {
    template = await readTemplate(args.template);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const pools = templatePools(template);
  if (pools.length === 0) {
    io.err(`${args.template} creates no user pool (AWS::Cognito::UserPool): nothing to check.`);
    return 2;
  }
  const unnamed =
    args.clientId !== undefined && !pools.some((pool) => appClientOf(pool, args.clientId));
  if (unnamed) {
    io.err(
      `--client-id ${args.clientId} names no app client of ${args.template}: give its logical id.`,
    );
    return 2;
  }
  io.out(`Template ${args.template}:`);
  const counts: ReportCount[] = [];
  for (const pool of pools) counts.push(await checkTemplatePool(template, pool, args, io));
  printSummary(counts, io.out);
  return counts.every((count) => count.problems === 0) ? 0 : 1;
}
