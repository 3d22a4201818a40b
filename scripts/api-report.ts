// The public surface of every entry, as API Extractor reports it, in api/*.api.md. Run on a
// build (dist/). With --update the reports are rewritten; without, a difference is an error,
// so any change to what the package exports shows in review as a change to these files.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
} from '@microsoft/api-extractor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry subpath -> report name. */
export const reportedEntries = {
  '.': 'cognito-custom-auth',
  './machine': 'machine',
  './triggers': 'triggers',
  './local-pool': 'local-pool',
  './local-pool/edge': 'local-pool-edge',
  './cdk': 'cdk',
} as const;

export interface ReportResult {
  entry: string;
  changed: boolean;
  problems: string[];
}

export function checkApiReports(options: { dist: string; update: boolean }): ReportResult[] {
  return Object.entries(reportedEntries).map(([entry, name]) => {
    const typesPath = entry === '.' ? 'index.d.ts' : `${entry.slice(2)}/index.d.ts`;
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: root,
        mainEntryPointFilePath: join(options.dist, typesPath),
        compiler: { tsconfigFilePath: join(root, 'tsconfig.build.json') },
        apiReport: {
          enabled: true,
          reportFileName: `${name}.api.md`,
          reportFolder: join(root, 'api'),
          reportTempFolder: join(root, 'node_modules/.cache/api-report'),
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          extractorMessageReporting: {
            'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
            'ae-forgotten-export': {
              logLevel: ExtractorLogLevel.Warning,
              addToApiReportFile: true,
            },
          },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        },
      },
      configObjectFullPath: join(root, 'api', `${name}.api-extractor.json`),
      packageJsonFullPath: join(root, 'package.json'),
    });
    const problems: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: options.update,
      messageCallback: (message: ExtractorMessage) => {
        if (
          message.logLevel === ExtractorLogLevel.Error ||
          message.logLevel === ExtractorLogLevel.Warning
        ) {
          problems.push(message.formatMessageWithLocation(root));
        }
        message.handled = true;
      },
    });
    return { entry, changed: result.apiReportChanged, problems };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  const results = checkApiReports({ dist: join(root, 'dist'), update });
  for (const { entry, changed, problems } of results) {
    console.log(`${entry}: ${changed ? (update ? 'report rewritten' : 'CHANGED') : 'unchanged'}`);
    for (const problem of problems) console.log(`  ${problem}`);
  }
  if (!update && results.some((result) => result.changed)) process.exitCode = 1;
}
