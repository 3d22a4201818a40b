import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { type AliasOptions, build, minifySync } from 'vite';

/** The drop-in's opt-in parts, each measured as what it adds to the default drop-in. */
export const optIns = {
  choice: {
    imports: 'ChoiceChallenge',
    props: 'components={{ challenges: { choice: ChoiceChallenge } }}',
  },
  captcha: {
    imports: 'CaptchaChallenge',
    props: 'components={{ challenges: { captcha: CaptchaChallenge } }}',
  },
  signUp: { imports: 'signUpWithAmplify', props: 'signUp={signUpWithAmplify}' },
  signInLinks: { imports: 'signInLinks', props: 'services={signInLinks()}' },
  webOtp: {
    imports: 'WebOtpCodeChallenge',
    props: 'components={{ challenges: { code: WebOtpCodeChallenge } }}',
  },
  passkeys: {
    imports: 'passkeyEnrollmentPart, passkeyPart',
    props:
      'components={{ challenges: { passkey: passkeyPart, passkeyEnrollment: passkeyEnrollmentPart } }}',
  },
  passkeyAutofill: {
    imports: 'passkeyAutofillSignIn, passkeyEnrollmentPart, passkeyPart',
    setup: "const autofill = passkeyAutofillSignIn({ challengeUrl: '/passkeys/challenge' });",
    props:
      'services={autofill.services} components={{ SignIn: autofill.SignIn, challenges: { passkey: passkeyPart, passkeyEnrollment: passkeyEnrollmentPart } }}',
  },
  passkeyManager: {
    imports: 'PasskeyManager',
    props: 'components={{ SignedIn: () => <PasskeyManager url="/passkeys/manage" /> }}',
  },
} as const;
export type OptIn = keyof typeof optIns;

/** The consumer apps whose bundles are compared. */
export type AppName = 'floor' | 'signInFloor' | 'hook' | 'dropin' | 'amplifyUi' | `dropin+${OptIn}`;

export interface AmplifyConfig {
  Auth: { Cognito: Record<string, unknown> };
}

/** Placeholder ids: the size of a bundle does not depend on them. */
export const placeholderConfig: AmplifyConfig = {
  Auth: {
    Cognito: {
      userPoolId: 'eu-west-1_AAAAAAAAA',
      userPoolClientId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
      loginWith: { username: true },
    },
  },
};

/**
 * Every app renders this too, so that what an app adds over the floor is only the auth UI: an
 * app that signs in with Amplify's functions and a form of its own.
 */
const floorComponent = `import { confirmSignIn, signIn } from 'aws-amplify/auth';
import { useState } from 'react';

export function Floor() {
  const [value, setValue] = useState('');
  const [step, setStep] = useState('');
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const result = step
          ? await confirmSignIn({ challengeResponse: value })
          : await signIn({ username: value, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
        setStep(result.nextStep.signInStep);
      }}
    >
      <input aria-label="Answer" value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit">{step || 'Go'}</button>
    </form>
  );
}
`;

/**
 * The load benchmark's floor: what any app does before its sign-in field, with nothing of the
 * kit's. It asks Amplify for a signed-in user when first rendered (Amplify is configured by
 * then), and shows a plain Username field once Amplify says there is none.
 */
const signInFloor = `import { getCurrentUser } from 'aws-amplify/auth';
import { useEffect, useState } from 'react';

let session: Promise<boolean> | undefined;

export function Auth() {
  session ??= getCurrentUser().then(() => true, () => false);
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  useEffect(() => void session?.then(setSignedIn), []);
  if (signedIn === null) return null;
  return signedIn ? <p>Signed in</p> : <input aria-label="Username" />;
}
`;

const hookForm = `import { CustomAuthProvider, useCustomAuth } from 'cognito-custom-auth';
import { useState } from 'react';

function HookForm() {
  const { route, error, isPending, user, signIn, answerChallenge, signOut } = useCustomAuth();
  const [value, setValue] = useState('');
  if (route === 'initializing') return null;
  if (route === 'signedIn') {
    return <button type="button" onClick={signOut}>{user?.username}</button>;
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (route === 'challenge') answerChallenge(value);
        else signIn({ username: value });
      }}
    >
      <input aria-label="Username" value={value} onChange={(event) => setValue(event.target.value)} />
      {error && <p role="alert">{error.code}</p>}
      <button type="submit" disabled={isPending}>Go</button>
    </form>
  );
}

export const Auth = () => (
  <CustomAuthProvider flow="passwordless">
    <HookForm />
  </CustomAuthProvider>
);
`;

const dropInWith = (
  imports = '',
  props = '',
  setup = '',
) => `import { CustomAuthenticator${imports ? `, ${imports}` : ''} } from 'cognito-custom-auth';
import 'cognito-custom-auth/styles.css';
${setup}

export const Auth = () => (
  <CustomAuthenticator flow="passwordless" ${props}>
    {({ user, signOut }) => <button type="button" onClick={signOut}>{user.username}</button>}
  </CustomAuthenticator>
);
`;

const dropIn = dropInWith();

const amplifyUi = `import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';

export const Auth = () => (
  <Authenticator>
    {({ user, signOut }) => <button type="button" onClick={signOut}>{user?.username}</button>}
  </Authenticator>
);
`;

const authModules: Record<AppName, string | undefined> = {
  floor: undefined,
  signInFloor,
  hook: hookForm,
  dropin: dropIn,
  amplifyUi,
  'dropin+choice': dropInWith(optIns.choice.imports, optIns.choice.props),
  'dropin+captcha': dropInWith(optIns.captcha.imports, optIns.captcha.props),
  'dropin+signUp': dropInWith(optIns.signUp.imports, optIns.signUp.props),
  'dropin+signInLinks': dropInWith(optIns.signInLinks.imports, optIns.signInLinks.props),
  'dropin+webOtp': dropInWith(optIns.webOtp.imports, optIns.webOtp.props),
  'dropin+passkeys': dropInWith(optIns.passkeys.imports, optIns.passkeys.props),
  'dropin+passkeyManager': dropInWith(optIns.passkeyManager.imports, optIns.passkeyManager.props),
  'dropin+passkeyAutofill': dropInWith(
    optIns.passkeyAutofill.imports,
    optIns.passkeyAutofill.props,
    optIns.passkeyAutofill.setup,
  ),
};

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sign in</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.tsx"></script>
  </body>
</html>
`;

function mainModule(withFloor: boolean, withAuth: boolean, config: AmplifyConfig): string {
  const imports = [
    `import { Amplify } from 'aws-amplify';`,
    `import { createRoot } from 'react-dom/client';`,
    withAuth ? `import { Auth } from './auth.tsx';` : '',
    withFloor ? `import { Floor } from './floor.tsx';` : '',
  ];
  const tree = [withFloor ? '<Floor />' : '', withAuth ? '<Auth />' : ''].join('');
  return `${imports.filter(Boolean).join('\n')}

Amplify.configure(${JSON.stringify(config)});

const container = document.getElementById('root');
if (!container) throw new Error('No #root element.');
createRoot(container).render(<>${tree}</>);
`;
}

export interface WriteAppOptions {
  /** Render the floor's own form too (the size comparison), or only the auth UI (a load test). */
  withFloor?: boolean;
  config?: AmplifyConfig;
}

/** Writes the app's index.html and modules into `dir`, which is the Vite root to build. */
export function writeApp(dir: string, name: AppName, options: WriteAppOptions = {}): void {
  const { withFloor = true, config = placeholderConfig } = options;
  const auth = authModules[name];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), indexHtml);
  writeFileSync(join(dir, 'floor.tsx'), floorComponent);
  if (auth) writeFileSync(join(dir, 'auth.tsx'), auth);
  writeFileSync(join(dir, 'main.tsx'), mainModule(withFloor, auth !== undefined, config));
}

export interface ModuleSize {
  id: string;
  /** The module's code as rendered into its chunk, before minifying. */
  code: string;
  renderedLength: number;
}

export interface AppSize {
  /** Gzip bytes of all emitted JavaScript, each file compressed on its own. */
  js: number;
  /**
   * Gzip bytes of the JavaScript the page needs before its first paint: the entry chunk and
   * what it imports statically, not the chunks it loads on demand.
   */
  firstPaintJs: number;
  css: number;
  /** All emitted JavaScript, to look for strings in. */
  jsText: string;
  cssText: string;
  modules: ModuleSize[];
}

export interface BuildAppOptions {
  alias?: AliasOptions;
  /** Where to write the build; nothing is written without it. */
  outDir?: string;
}

const gzip = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;

type BuildResult = Awaited<ReturnType<typeof build>>;
type BuildOutput = Extract<BuildResult, { output: unknown }>;

type OutputFile = BuildOutput['output'][number];

/** The entry chunks and, through their static imports, every chunk they cannot run without. */
function firstPaintChunks(files: readonly OutputFile[]): Set<string> {
  const chunks = new Map(
    files.flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file] as const] : [])),
  );
  const needed = new Set<string>();
  const visit = (fileName: string) => {
    if (needed.has(fileName)) return;
    needed.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  return needed;
}

/** A production build of the app in `dir` with Vite and the React plugin, measured. */
export async function buildApp(dir: string, options: BuildAppOptions = {}): Promise<AppSize> {
  // Vite makes a development build whenever NODE_ENV is set to anything but production (a
  // test runner sets it to 'test'), and React's development build is several times larger.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let result: BuildResult;
  try {
    result = await build({
      root: dir,
      configFile: false,
      envFile: false,
      logLevel: 'silent',
      mode: 'production',
      plugins: [react()],
      resolve: { alias: options.alias ?? [] },
      build: {
        outDir: options.outDir ?? join(dir, 'dist'),
        emptyOutDir: true,
        write: options.outDir !== undefined,
        reportCompressedSize: false,
        chunkSizeWarningLimit: Number.POSITIVE_INFINITY,
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const outputs: BuildOutput[] = Array.isArray(result) ? result : [result as BuildOutput];
  const size: AppSize = { js: 0, firstPaintJs: 0, css: 0, jsText: '', cssText: '', modules: [] };
  const files = outputs.flatMap((output) => output.output);
  const firstPaint = firstPaintChunks(files);
  for (const file of files) {
    if (file.type === 'chunk') {
      size.js += gzip(file.code);
      if (firstPaint.has(file.fileName)) size.firstPaintJs += gzip(file.code);
      size.jsText += file.code;
      for (const [id, module] of Object.entries(file.modules)) {
        size.modules.push({ id, code: module.code ?? '', renderedLength: module.renderedLength });
      }
    } else if (file.fileName.endsWith('.css')) {
      size.css += gzip(file.source);
      size.cssText +=
        typeof file.source === 'string' ? file.source : Buffer.from(file.source).toString('utf8');
    } else if (file.fileName.endsWith('.js')) {
      size.js += gzip(file.source);
    }
  }
  return size;
}

/** Module ids that are real files (not virtual helpers) and lie outside every one of `roots`. */
export function modulesOutside(size: AppSize, roots: string[]): string[] {
  return size.modules
    .map((module) => module.id)
    .filter((id) => id.startsWith('/') && !roots.some((root) => id.startsWith(root)));
}

/**
 * Names what a module belongs to: its npm package, or for the kit (installed, or built into
 * `kitDist`) its file when `kitFiles` is set.
 */
export function moduleGroup(id: string, options: { kitDist?: string; kitFiles?: boolean } = {}) {
  const kit = (file: string) =>
    options.kitFiles ? `cognito-custom-auth/${file}` : 'cognito-custom-auth';
  if (!id.startsWith('/')) return '(bundler runtime)';
  if (options.kitDist && id.startsWith(options.kitDist))
    return kit(id.slice(options.kitDist.length));
  const parts = id.split('/node_modules/');
  const last = parts.at(-1) ?? '';
  if (parts.length === 1 || last.startsWith('.')) return '(app code)';
  const segments = last.split('/');
  const name = last.startsWith('@') ? segments.slice(0, 2).join('/') : (segments[0] ?? last);
  return name === 'cognito-custom-auth' ? kit(segments.slice(2).join('/')) : name;
}

export interface Contributor {
  name: string;
  /** Gzip of the group's added modules, minified and compressed together. */
  gzip: number;
  renderedLength: number;
}

const minified = (module: ModuleSize) => {
  const result = minifySync(`${basename(module.id)}.js`, module.code, {
    compress: true,
    mangle: true,
  });
  return result.errors.length > 0 ? module.code : result.code;
};

/**
 * What `app` renders beyond `base`, summed by `group`, largest first. The figures are estimates:
 * each group is compressed apart from the rest, and a module both apps have counts for the
 * difference of its two sizes.
 */
export function contributors(
  app: AppSize,
  base: AppSize,
  group: (id: string) => string = (id) => moduleGroup(id),
): Contributor[] {
  const inBase = new Map(base.modules.map((module) => [module.id, module]));
  const groups = new Map<string, { added: string[]; grown: number; renderedLength: number }>();
  for (const module of app.modules) {
    const before = inBase.get(module.id);
    const renderedLength = module.renderedLength - (before?.renderedLength ?? 0);
    if (renderedLength <= 0) continue;
    const name = group(module.id);
    const entry = groups.get(name) ?? { added: [], grown: 0, renderedLength: 0 };
    entry.renderedLength += renderedLength;
    if (before) entry.grown += Math.max(0, gzip(minified(module)) - gzip(minified(before)));
    else entry.added.push(minified(module));
    groups.set(name, entry);
  }
  return [...groups]
    .map(([name, entry]) => ({
      name,
      gzip: (entry.added.length > 0 ? gzip(entry.added.join('\n')) : 0) + entry.grown,
      renderedLength: entry.renderedLength,
    }))
    .sort((a, b) => b.gzip - a.gzip);
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** npm packages that the bundle took from more than one installed copy. */
export function duplicatePackages(size: AppSize): string[] {
  const copies = new Map<string, Set<string>>();
  for (const { id } of size.modules) {
    const at = id.lastIndexOf('/node_modules/');
    if (at < 0) continue;
    const name = moduleGroup(id);
    const copy = id.slice(0, at + '/node_modules/'.length + name.length);
    copies.set(name, (copies.get(name) ?? new Set()).add(copy));
  }
  return [...copies].filter(([, paths]) => paths.size > 1).map(([name]) => name);
}
