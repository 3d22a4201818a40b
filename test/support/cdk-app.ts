import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { bundleHandlers } from '../../scripts/bundle-handlers.mjs';
import { CustomAuthBackend, type CustomAuthBackendProps } from '../../src/cdk/index.ts';
import type { CfnTemplate } from '../../src/cloudformation/template.ts';

/** A synthesized CDK app with the construct: its cdk.out folder and its template. */
export interface SynthesizedApp {
  outdir: string;
  templatePath: string;
  template: CfnTemplate;
  remove: () => void;
}

let bundled: Promise<string> | undefined;

/**
 * The handler bundle, made once per test process (the asset folders of each synth copy it):
 * bundling is most of a synth's time.
 */
function sharedBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cca-handlers-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await bundleHandlers(dir);
    return dir;
  })();
  return bundled;
}

/**
 * `cdk synth` of an app holding one stack with the construct, into a folder of its own:
 * the template and the asset folders, as the CDK CLI leaves them in cdk.out.
 */
export async function synthesizeApp(
  props: Omit<CustomAuthBackendProps, 'code'> = { senderEmail: 'no-reply@example.com' },
): Promise<SynthesizedApp> {
  const outdir = mkdtempSync(join(tmpdir(), 'cca-cdk-out-'));
  const bundle = await sharedBundle();
  // The CDK CLI asks for asset metadata (where each asset's files are) unless told not to.
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'SignIn', { env: { account: '123456789012', region: 'eu-west-1' } });
  new CustomAuthBackend(stack, 'CustomAuth', { ...props, code: Code.fromAsset(bundle) });
  app.synth();
  const templatePath = join(outdir, 'SignIn.template.json');
  return {
    outdir,
    templatePath,
    template: JSON.parse(readFileSync(templatePath, 'utf8')) as CfnTemplate,
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
