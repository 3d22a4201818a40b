import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Code } from 'aws-cdk-lib/aws-lambda';

/** Where the package keeps the bundle of the ready-made handlers, beside this module. */
export const shippedHandlersPath = fileURLToPath(new URL('./handlers', import.meta.url));

/**
 * The ready-made handlers as the package ships them, prebuilt: synth needs neither esbuild
 * nor Docker.
 */
export function shippedHandlers(): Code {
  if (!existsSync(shippedHandlersPath)) {
    throw new Error(
      `The trigger handlers' bundle is missing at ${shippedHandlersPath}. It ships in the ` +
        "package's dist/; from a checkout, run npm run build, or pass `code`.",
    );
  }
  return Code.fromAsset(shippedHandlersPath);
}
