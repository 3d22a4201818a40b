// Real consumers of the packed package, installed from the registry as users get it: Vite apps
// on React 18 and 19 (type checks under two resolutions, a build, a sign-in in Chromium) and a
// Next.js App Router app (server rendering, hydration, `next build`, the session on the server
// through Amplify's adapter), all against the local pool.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, modulesOutside } from '../../bench/size/apps.ts';
import { installConsumer, packKit, pinned, root, versionIn } from '../../bench/size/consumers.ts';
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { parseMarkdown, readText } from '../support/markdown.ts';
import {
  type HttpTokens,
  latestCode,
  registerOverHttp,
  signInOverHttp,
} from '../support/pool-http.ts';
import { endpointOnceListening } from '../support/pool-process.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** React and its types per major version; the React 18 one also serves the dom tests. */
const reactSets = {
  18: {
    react: '18.3.1',
    'react-dom': '18.3.1',
    '@types/react': '^18.3.0',
    '@types/react-dom': '^18.3.0',
    '@testing-library/react': versionIn(root, '@testing-library/react'),
  },
  19: {
    react: pinned.react,
    'react-dom': pinned['react-dom'],
    '@types/react': versionIn(root, '@types/react'),
    '@types/react-dom': versionIn(root, '@types/react-dom'),
  },
} as const;

let tarball: string;
let pool: LocalPool;
let browser: Browser;

beforeAll(async () => {
  tarball = packKit();
  // Cognito's issuer, which Amplify's Next.js adapter checks; the apps without a server ignore it.
  pool = await startLocalPool({ port: 0, cognitoIssuer: true, log: () => {} });
  browser = await chromium.launch(chromiumLaunchOptions);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pool?.close();
});

/** Amplify's own warning whenever `userPoolEndpoint` is set, as it is for the local pool. */
const customEndpointWarning = /You are using a custom Amazon .* endpoint/;

/** Every console warning or error and every uncaught exception of a page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (['error', 'warning'].includes(message.type()) && !customEndpointWarning.test(text)) {
      problems.push(`${message.type()}: ${text} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack}`));
  return problems;
}

/** A new user signs in through the drop-in with the code the pool sent, and lands on `landing`. */
async function signInThroughDropIn(page: Page, username: string, landing: Locator) {
  await registerOverHttp(pool, username);
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('form', { name: 'Check your email' }).waitFor();
  await page.getByLabel('Code', { exact: true }).fill(latestCode(pool, username));
  await landing.waitFor();
}

/** The sign-in, failing with what the page said and showed, and with no console problem. */
async function expectCleanSignIn(
  page: Page,
  username: string,
  problems: string[],
  landing = page.getByRole('heading', { name: `Signed in as ${username}` }),
) {
  try {
    await signInThroughDropIn(page, username, landing);
  } catch (error) {
    const shown = await page.locator('body').textContent();
    throw new Error(`${error}\nconsole:\n${problems.join('\n')}\npage:\n${shown}`);
  }
  expect(problems).toEqual([]);
}

/** Each file of a fixture app is the block of the doc that names it in its first line. */
function expectRecipe(doc: string, fixture: string, files: readonly string[]) {
  const blocks = parseMarkdown(readText(join(root, doc))).blocks;
  for (const file of files) {
    const block = blocks.find((each) => each.code.startsWith(`// ${file}:`));
    const written = readFileSync(join(fixtures, fixture, file), 'utf8');
    expect(block?.code.trim(), file).toBe(written.trim());
  }
}

/** The files of docs/nextjs.md; the app's layout, icon and configs are Next.js's own. */
const nextRecipe = [
  'app/amplify-config.ts',
  'app/amplify-server.ts',
  'instrumentation.ts',
  'proxy.ts',
  'app/page.tsx',
  'app/sign-in.tsx',
  'app/account/page.tsx',
  'app/api/me/route.ts',
];

function typeCheck(dir: string, project: string) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

describe.each([18, 19] as const)('a Vite app on React %i', (major) => {
  let dir: string;

  beforeAll(() => {
    dir = installConsumer(`vite-react${major}`, {
      ...reactSets[major],
      // Amplify's own declaration files need Node's types under skipLibCheck: false.
      '@types/node': versionIn(root, '@types/node'),
      'aws-amplify': pinned['aws-amplify'],
      'cognito-custom-auth': `file:${tarball}`,
    });
    cpSync(join(fixtures, 'vite'), dir, { recursive: true });
  }, 600_000);

  it('type-checks against the package types with bundler and node16 resolution', () => {
    expect(typeCheck(dir, 'tsconfig.bundler.json')).toEqual({ status: 0, output: '' });
    expect(typeCheck(dir, 'tsconfig.node16.json')).toEqual({ status: 0, output: '' });
  }, 120_000);

  it('builds, and signs in through the drop-in in Chromium', async () => {
    const outDir = mkdtempSync(join(tmpdir(), `consumer-react${major}-`));
    let server: PreviewServer | undefined;
    const page = await browser.newPage();
    try {
      const size = await buildApp(dir, { outDir });
      // The app runs what it installed, the React it asked for, nothing of the checkout's.
      expect(modulesOutside(size, [`${dir}/`])).toEqual([]);
      const version = reactSets[major].react.replaceAll('.', '\\.');
      expect(size.jsText).toMatch(new RegExp(`["'\`]${version}["'\`]`));
      server = await preview({
        root: dir,
        configFile: false,
        logLevel: 'error',
        build: { outDir },
        preview: { port: 0, host: '127.0.0.1' },
      });
      const problems = watchConsole(page);
      await page.goto(`${server.resolvedUrls?.local[0]}?pool=${pool.endpoint}`);
      await expectCleanSignIn(page, `vite${major}`, problems);
    } finally {
      await page.close();
      await new Promise<void>((done) => (server ? server.httpServer.close(() => done()) : done()));
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 180_000);
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface NextServer {
  url: string;
  process: ChildProcess;
  /** What the server printed since it was ready, but its progress and Amplify's warning. */
  problems: () => string[];
}

/** `next start` on a free loopback port, resolved once it says it is ready. */
async function nextStart(dir: string): Promise<NextServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(dir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    { cwd: dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'pipe' },
  );
  let output = '';
  let sinceReady = -1;
  await new Promise<void>((ready, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (sinceReady < 0 && /ready/i.test(output)) {
        sinceReady = output.length;
        ready();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}: ${output}`)));
  });
  const problems = () =>
    output
      .slice(sinceReady)
      .split('\n')
      .filter((line) => line.trim() && !/^\s*✓ /.test(line) && !customEndpointWarning.test(line));
  return { url: `http://127.0.0.1:${port}/`, process: child, problems };
}

/** `next build` with the pool's config, and what it said if it failed. */
function nextBuild(dir: string) {
  const result = spawnSync(
    process.execPath,
    [join(dir, 'node_modules/next/dist/bin/next'), 'build'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        NEXT_PUBLIC_AMPLIFY_CONFIG: JSON.stringify(pool.amplifyConfig),
      },
    },
  );
  return { status: result.status, output: result.status === 0 ? '' : result.stderr };
}

/** A Cookie header with the tokens of a sign-in, named as Amplify names its cookies. */
function amplifyCookies(username: string, tokens: HttpTokens): string {
  const prefix = `CognitoIdentityServiceProvider.${pool.userPoolClientId}`;
  return [
    `${prefix}.LastAuthUser=${username}`,
    `${prefix}.${username}.accessToken=${tokens.AccessToken}`,
    `${prefix}.${username}.idToken=${tokens.IdToken}`,
    `${prefix}.${username}.refreshToken=${tokens.RefreshToken}`,
  ].join('; ');
}

/** The cookies of a browser context as a request's Cookie header. */
async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
}

/** A Cookie header with the value of each cookie whose name matches `name` changed. */
function withCookie(header: string, name: RegExp, change: (value: string) => string): string {
  return header
    .split('; ')
    .map((pair) => {
      const [key = '', value = ''] = pair.split(/=(.*)/s);
      return name.test(key) ? `${key}=${change(value)}` : pair;
    })
    .join('; ');
}

/** A JWT whose payload names someone else, its signature left as it was. */
function forged(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
  const other = { ...claims, username: 'someoneelse', 'cognito:username': 'someoneelse' };
  return [header, Buffer.from(JSON.stringify(other)).toString('base64url'), signature].join('.');
}

describe('a Next.js App Router app', () => {
  let dir: string;
  let server: NextServer | undefined;

  beforeAll(() => {
    dir = installConsumer(
      'next',
      {
        next: '16.4.6',
        '@aws-amplify/adapter-nextjs': '1.8.0',
        ...reactSets[19],
        '@types/node': versionIn(root, '@types/node'),
        typescript: versionIn(root, 'typescript'),
        'aws-amplify': pinned['aws-amplify'],
        'cognito-custom-auth': `file:${tarball}`,
        // Outside node_modules, where Next.js would take the app's own files for a dependency's.
      },
      join(tmpdir(), 'cognito-custom-auth-consumers'),
    );
    cpSync(join(fixtures, 'next'), dir, { recursive: true });
    rmSync(join(dir, 'middleware.ts'), { force: true });
  }, 600_000);

  afterAll(() => {
    server?.process.kill('SIGTERM');
  });

  it('is the recipe of docs/nextjs.md, file for file', () => {
    expectRecipe('docs/nextjs.md', 'next', nextRecipe);
  });

  it('passes next build', () => {
    expect(nextBuild(dir)).toEqual({ status: 0, output: '' });
  }, 300_000);

  it('serves the sign-in form, hydrates it without warnings, signs in, and stays signed in', async () => {
    server = await nextStart(dir);
    const page = await browser.newPage();
    try {
      const html = await (await fetch(server.url)).text();
      expect(html).toContain('data-route="signIn"');
      expect(html).toMatch(/<input[^>]* name="username"/);
      const problems = watchConsole(page);
      // A way back that the browser would read as another site is not taken.
      const signInPage = `${server.url}?next=${encodeURIComponent('/\\example.com')}`;
      await page.goto(signInPage);
      await expectCleanSignIn(page, 'nextuser', problems);
      // The server cannot see the stored session; hydration moves on to it, warning-free.
      await page.reload();
      await page.getByRole('heading', { name: 'Signed in as nextuser' }).waitFor();
      expect({ url: page.url(), problems }).toEqual({ url: signInPage, problems: [] });
      // Nor one that comes to another site once its dots are resolved; a navigation away
      // would end the page's scripts, failing the wait in it.
      const dotted = `${server.url}?next=${encodeURIComponent('/..//example.com')}`;
      await page.goto(dotted);
      await page.getByRole('heading', { name: 'Signed in as nextuser' }).waitFor();
      await page.evaluate(() => new Promise((settled) => setTimeout(settled, 200)));
      expect({ url: page.url(), problems }).toEqual({ url: dotted, problems: [] });
    } finally {
      await page.close();
    }
  }, 120_000);

  it('shows the session to a server component, a route handler and the proxy, refreshes it there, and ends it', async () => {
    const url = (path: string) => new URL(path, server?.url).href;
    const get = (path: string, cookie = '') =>
      fetch(url(path), { headers: { cookie }, redirect: 'manual' });
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    try {
      expect((await get('/api/me')).status).toBe(401);
      // The proxy sends a signed-out visitor to the sign-in page, which sends them back.
      await page.goto(url('/account'));
      expect(page.url()).toBe(url('/?next=%2Faccount'));
      const account = page.getByRole('heading', { name: 'Account of serveruser' });
      await expectCleanSignIn(page, 'serveruser', problems, account);
      expect(page.url()).toBe(url('/account'));

      const cookie = await cookieHeader(context);
      // The server component rendered the name: it is in the HTML.
      expect(await (await get('/account', cookie)).text()).toMatch(
        /Account of (<!-- -->)?serveruser/,
      );
      const me = await get('/api/me', cookie);
      expect({ status: me.status, body: await me.json() }).toMatchObject({
        status: 200,
        body: { username: 'serveruser' },
      });
      // Tokens are checked, not only read: one altered in the browser is refused.
      expect((await get('/api/me', withCookie(cookie, /\.(access|id)Token$/, forged))).status).toBe(
        401,
      );

      // A server whose clock is two hours on sees the access token expired, and refreshes it.
      const later = withCookie(cookie, /\.clockDrift$/, () => String(2 * 3600_000));
      const stale = cookie.match(/\.accessToken=([^;]+)/)?.[1];
      for (const path of ['/api/me', '/account']) {
        const answer = await get(path, later);
        const fresh = answer.headers.getSetCookie().find((line) => /\.accessToken=/.test(line));
        expect({ path, status: answer.status, refreshed: !fresh?.includes(stale ?? '') }).toEqual({
          path,
          status: 200,
          refreshed: true,
        });
      }

      await page.goto(url('/'));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Username').waitFor();
      const left = (await context.cookies()).filter(({ name }) => name.startsWith('Cognito'));
      expect(left).toEqual([]);
      expect((await get('/api/me', await cookieHeader(context))).status).toBe(401);
      expect((await get('/account', await cookieHeader(context))).status).toBe(307);
      // Sign-out revoked the refresh token: a copy of the old cookies refreshes nothing.
      expect((await get('/api/me', later)).status).toBe(401);
      expect({ browser: problems, server: server?.problems() }).toEqual({
        browser: [],
        server: [],
      });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('does the same in middleware on the edge runtime, whose keys come through fetch', async () => {
    server?.process.kill('SIGTERM');
    const proxy = readFileSync(join(dir, 'proxy.ts'), 'utf8');
    rmSync(join(dir, 'proxy.ts'));
    // The proxy's code as `middleware.ts`, on the edge runtime, as Next.js 15 runs it by default.
    writeFileSync(
      join(dir, 'middleware.ts'),
      proxy.replace('function proxy', 'function middleware'),
    );
    try {
      expect(nextBuild(dir)).toEqual({ status: 0, output: '' });
      // The edge functions' manifest lists it; the proxy, on Node.js, is not listed there.
      const manifest = readFileSync(join(dir, '.next/server/middleware-manifest.json'), 'utf8');
      expect(JSON.parse(manifest).middleware['/']?.name).toBe('middleware');
      server = await nextStart(dir);
      const get = (cookie = '') =>
        fetch(new URL('/account', server?.url), { headers: { cookie }, redirect: 'manual' });
      expect((await get()).status).toBe(307);
      await registerOverHttp(pool, 'edgeuser');
      const tokens = (await signInOverHttp(pool, 'edgeuser')) as HttpTokens;
      const cookie = amplifyCookies('edgeuser', tokens);
      const page = await get(cookie);
      expect({ status: page.status, html: await page.text() }).toMatchObject({
        status: 200,
        html: expect.stringMatching(/Account of (<!-- -->)?edgeuser/),
      });
      expect((await get(withCookie(cookie, /\.accessToken$/, forged))).status).toBe(307);
      expect(server.problems()).toEqual([]);
    } finally {
      rmSync(join(dir, 'middleware.ts'), { force: true });
      writeFileSync(join(dir, 'proxy.ts'), proxy);
    }
  }, 300_000);
});

describe('an Amplify Gen 2 backend', () => {
  const recipe = ['amplify/auth/resource.ts', 'amplify/backend.ts'];

  it('is the recipe of docs/deploying.md, file for file', () => {
    expectRecipe('docs/deploying.md', 'amplify-gen2', recipe);
  });

  it("type-checks against @aws-amplify/backend, the construct attached to Gen 2's pool", () => {
    const dir = installConsumer('amplify-gen2', {
      '@aws-amplify/backend': '^1.25.1',
      '@types/node': versionIn(root, '@types/node'),
      'aws-cdk-lib': versionIn(root, 'aws-cdk-lib'),
      constructs: versionIn(root, 'constructs'),
      'cognito-custom-auth': `file:${tarball}`,
    });
    cpSync(join(fixtures, 'amplify-gen2'), dir, { recursive: true });
    expect(typeCheck(dir, 'tsconfig.json')).toEqual({ status: 0, output: '' });
  }, 600_000);
});

describe('a CDK app made from docs/deploying.md', () => {
  let dir: string;
  let pool: ChildProcess | undefined;

  beforeAll(() => {
    dir = installConsumer('cdk-app', {
      'aws-cdk-lib': versionIn(root, 'aws-cdk-lib'),
      constructs: versionIn(root, 'constructs'),
      'cdk-nag': versionIn(root, 'cdk-nag'),
      'cognito-custom-auth': `file:${tarball}`,
    });
    const sizes = spawnSync('du', ['-sk', 'node_modules/aws-cdk-lib', 'node_modules/constructs'], {
      cwd: dir,
      encoding: 'utf8',
    });
    // The figure the docs give for the optional peers.
    console.log(`optional CDK peers installed (KiB):\n${sizes.stdout}`);
  }, 600_000);

  afterAll(() => pool?.kill('SIGKILL'));

  /** `npx <bin>` in the app, as a user runs the package's commands. */
  const npx = (...args: string[]) =>
    spawnSync('npx', ['--no-install', ...args], { cwd: dir, encoding: 'utf8' });

  it('synthesizes nag-clean, passes the doctor, and signs in on the pool it runs locally', async () => {
    // The docs' first example as the app, with cdk-nag's pack as the docs say to add it.
    const block = parseMarkdown(readText(join(root, 'docs/deploying.md'))).blocks.find((each) =>
      each.code.startsWith('// bin/app.ts:'),
    );
    expect(block).toBeDefined();
    const app = [
      block?.code ?? '',
      "import { Validations } from 'aws-cdk-lib';",
      "import { AwsSolutionsChecks } from 'cdk-nag';",
      'Validations.of(app).addPlugins(new AwsSolutionsChecks(app));',
    ].join('\n');
    rmSync(join(dir, 'cdk.out'), { recursive: true, force: true });
    const appFile = join(dir, 'app.mjs');
    writeFileSync(appFile, app);
    // What `cdk synth` does: run the app with an output folder; the app synthesizes on exit.
    const synth = spawnSync(process.execPath, [appFile], {
      cwd: dir,
      encoding: 'utf8',
      // As the CLI runs it: asset metadata on, which tells the local pool where the code is.
      env: {
        ...process.env,
        CDK_OUTDIR: join(dir, 'cdk.out'),
        CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:enable-asset-metadata': true }),
      },
    });
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: '' });
    const template = 'cdk.out/SignIn.template.json';

    const doctor = npx('cognito-custom-auth-doctor', '--template', template);
    expect(doctor.stdout).not.toContain('PROBLEM');
    expect(doctor.status).toBe(0);

    // The installed bin run by node itself, not through npx, whose child a kill would orphan.
    const started = spawn(
      process.execPath,
      [
        join(dir, 'node_modules/.bin/cognito-custom-auth-pool'),
        '--template',
        template,
        '--port',
        '0',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    pool = started;
    const endpoint = await endpointOnceListening(started);
    const config = (await (await fetch(`${endpoint}/_local/config`)).json()) as {
      userPoolClientId: string;
    };
    const call = async (operation: string, body: unknown) => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
        },
        body: JSON.stringify({ ClientId: config.userPoolClientId, ...(body as object) }),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const lastCode = async () => {
      const sent = (await (await fetch(`${endpoint}/_local/outbox?username=walker`)).json()) as {
        code: string;
      }[];
      return sent.at(-1)?.code ?? '';
    };
    await call('SignUp', {
      Username: 'walker',
      Password: 'Correct-Horse-1',
      UserAttributes: [{ Name: 'email', Value: 'walker@example.com' }],
    });
    await call('ConfirmSignUp', { Username: 'walker', ConfirmationCode: await lastCode() });
    const challenge = await call('InitiateAuth', {
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: 'walker' },
    });
    expect(challenge).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE' });
    const signedIn = await call('RespondToAuthChallenge', {
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'walker', ANSWER: await lastCode() },
    });
    expect(signedIn).toMatchObject({ AuthenticationResult: { AccessToken: expect.any(String) } });
  }, 300_000);
});
