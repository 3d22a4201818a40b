#!/usr/bin/env node
import { type CliOptions, exposureWarning, parseCliOptions, usage } from './cli/options.ts';
import type { LocalPoolOptions } from './pool/options.ts';
import { startLocalPool } from './pool/start.ts';
import { localPoolOptionsFromTemplate } from './template/options-from-template.ts';

async function main(): Promise<void> {
  let cli: CliOptions | 'help';
  try {
    cli = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (cli === 'help') {
    console.log(usage);
    return;
  }
  const { template, ...given } = cli;
  let options: LocalPoolOptions = given;
  if (template !== undefined) {
    try {
      options = { ...given, ...(await localPoolOptionsFromTemplate(template)) };
    } catch (error) {
      console.error((error as Error).message);
      process.exitCode = 2;
      return;
    }
  }
  const warning = exposureWarning(options.host);
  if (warning) console.error(warning);
  const pool = await startLocalPool(options);
  console.log(
    [
      `Local Cognito user pool listening on ${pool.endpoint}`,
      `  userPoolId        ${pool.userPoolId}`,
      `  userPoolClientId  ${pool.userPoolClientId}`,
      `  flow              ${template ? `the triggers of ${template}` : options.triggers ? `triggers from ${options.triggers}` : options.flow ? String(options.flow) : 'passwordless'}`,
      `  data              ${options.dataDir ?? 'in memory'}`,
      `  auth flows        ${pool.explicitAuthFlows.join(', ')}`,
      `  usernames         ${pool.caseSensitive ? 'case-sensitive' : 'case-insensitive'}`,
      `  Amplify config    ${pool.endpoint}/_local/config`,
      `  codes sent        ${pool.endpoint}/_local/outbox`,
    ].join('\n'),
  );
  const stop = () => {
    pool.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
