/** Writes the trigger handlers' Lambda bundle, `index.mjs`, into `outDir`. */
export function bundleHandlers(outDir: string): Promise<void>;
