import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpRequestEvent, HttpResponse } from '../../challenges/passkey/server/http.ts';
import type { FaultInjector, FaultPlan } from '../local-aids/faults.ts';
import type { ChallengeEntry, LocalLog, OutboxEntry } from '../local-aids/local-log.ts';
import { isLocalCaller, isLoopbackOrigin, mayAdminister } from '../local-aids/loopback.ts';
import { CognitoError } from '../protocol/errors.ts';
import { asBody, type Operation } from '../protocol/request-body.ts';
import { corsHeaders, readBody, sendCognitoError, sendJson } from './http.ts';

const targetPrefix = 'AWSCognitoIdentityProviderService.';

export interface PoolServerDependencies {
  userPoolId: string;
  /** The address the pool listens on: besides loopback names, the only Host the local aids answer. */
  host: string;
  operations: Record<string, Operation>;
  jwks: () => unknown;
  config: () => unknown;
  outbox: LocalLog<OutboxEntry>;
  challenges: LocalLog<ChallengeEntry>;
  faults: FaultInjector;
  latencyMs: number;
  /**
   * `passkeyChallengeHandler` over the built-in triggers' passkeys, at `/passkeys/challenge`
   * as a function URL would serve it.
   */
  passkeyChallenge: (event: HttpRequestEvent) => Promise<HttpResponse>;
  /** `passkeyManagementHandler` over the same passkeys, at `/passkeys/manage`. */
  passkeyManagement: (event: HttpRequestEvent) => Promise<HttpResponse>;
  /** Counts every Cognito API request by operation, for requests-per-flow figures. */
  countRequest: (operation: string) => void;
  log: (line: string) => void;
}

/** The HTTP face of the pool: Cognito's JSON protocol on POST /, local aids under /_local. */
export function createPoolServer(deps: PoolServerDependencies): Server {
  const server = createServer((request, response) => {
    // The same parsed path the router serves, so no spelling ("/./_local/") gets around it.
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      response.writeHead(400).end();
      return;
    }
    const headers = corsHeaders(request, url.pathname.startsWith('/_local/'));
    // Every API answer has a request id, refusals too, as the SDKs read it into $metadata.
    if (url.pathname === '/' && request.method === 'POST') {
      headers['x-amzn-requestid'] = randomUUID();
    }
    route(deps, request, response, url, headers).catch((error: unknown) => {
      const known = error instanceof CognitoError;
      if (!known)
        deps.log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
      if (response.headersSent) return response.end();
      sendCognitoError(
        response,
        known ? error : new CognitoError('InternalErrorException', 'Internal error.', 500),
        headers,
      );
    });
  });
  server.on('clientError', (_, socket) => socket.destroy());
  return server;
}

async function route(
  deps: PoolServerDependencies,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  headers: Record<string, string>,
): Promise<void> {
  const passkeyHandler =
    url.pathname === passkeyChallengePath
      ? deps.passkeyChallenge
      : url.pathname === passkeyManagementPath
        ? deps.passkeyManagement
        : undefined;
  if (passkeyHandler) return serveHandler(passkeyHandler, request, response, deps, url.pathname);
  if (request.method === 'OPTIONS') {
    response.writeHead(204, headers).end();
    return;
  }
  if (url.pathname === '/' && request.method === 'POST') {
    return serveApi(deps, request, response, headers);
  }
  if (url.pathname.startsWith('/_local/') && !isLocalCaller(request, deps.host)) {
    return sendJson(response, 403, {
      message: 'The local aids answer only requests addressed to this machine.',
    });
  }
  if (url.pathname === '/_local/faults' && request.method === 'POST') {
    return setFaults(deps, request, response, headers);
  }
  if (request.method === 'GET') {
    const body = localResource(deps, url);
    if (body !== undefined) return sendJson(response, 200, body, headers);
  }
  sendJson(response, 404, { message: `Nothing at ${request.method} ${url.pathname}` }, headers);
}

export const passkeyChallengePath = '/passkeys/challenge';
export const passkeyManagementPath = '/passkeys/manage';

type HttpHandler = (event: HttpRequestEvent) => Promise<HttpResponse>;

/**
 * A handler answers as it would behind a function URL: its own CORS, its own errors. Its
 * requests count under its path, beside the Cognito operations.
 */
async function serveHandler(
  handler: HttpHandler,
  request: IncomingMessage,
  response: ServerResponse,
  deps: Pick<PoolServerDependencies, 'countRequest' | 'log'>,
  path: string,
): Promise<void> {
  const body = await readBody(request);
  const method = request.method ?? '';
  if (method !== 'OPTIONS') deps.countRequest(`${method} ${path}`);
  const headers: Record<string, string> = {};
  for (const name of ['origin', 'authorization', 'content-type']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  let answer: HttpResponse;
  try {
    answer = await handler({ requestContext: { http: { method } }, headers, body });
  } catch (error) {
    // As a function URL answers a handler that throws: a bare 500, nothing of the error.
    deps.log(`${path}: ${error instanceof Error ? error.stack : String(error)}`);
    answer = { statusCode: 500, headers: {}, body: 'Internal Server Error' };
  }
  response.writeHead(answer.statusCode, answer.headers).end(answer.body);
}

/**
 * A JSON content type forces a browser to ask first (preflight), and the answer to that
 * allows loopback origins only, so no other site can switch faults on with a plain form post.
 */
async function setFaults(
  deps: PoolServerDependencies,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const origin = request.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return sendJson(response, 403, { message: 'Faults can be set from this machine only.' });
  }
  const mediaType = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (mediaType !== 'application/json') {
    return sendJson(
      response,
      415,
      { message: 'Send the fault plan as application/json.' },
      headers,
    );
  }
  const text = await readBody(request);
  try {
    deps.faults.set(JSON.parse(text) as FaultPlan);
  } catch (error) {
    throw new CognitoError(
      'InvalidParameterException',
      `Bad fault plan: ${(error as Error).message}`,
    );
  }
  sendJson(response, 200, { ok: true }, headers);
}

function localResource(deps: PoolServerDependencies, url: URL): unknown {
  const username = url.searchParams.get('username') ?? undefined;
  switch (url.pathname) {
    case '/_local/outbox':
      return deps.outbox.list(username);
    case '/_local/challenges':
      return deps.challenges.list(username);
    case '/_local/config':
      return deps.config();
    case `/${deps.userPoolId}/.well-known/jwks.json`:
      return deps.jwks();
    default:
      return undefined;
  }
}

async function serveApi(
  deps: PoolServerDependencies,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const text = await readBody(request);
  const fault = deps.faults.take();
  if (fault?.drop) {
    request.socket.destroy();
    return;
  }
  if (fault) {
    throw new CognitoError('InternalErrorException', 'Injected failure.', fault.status);
  }
  if (deps.latencyMs > 0) await sleep(deps.latencyMs);
  const target = String(request.headers['x-amz-target'] ?? '');
  const name = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  const operation = Object.hasOwn(deps.operations, name) ? deps.operations[name] : undefined;
  if (!operation) {
    throw new CognitoError('UnknownOperationException', `Unknown operation: ${target || '(none)'}`);
  }
  if (name.startsWith('Admin') && !mayAdminister(request, deps.host)) {
    throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  deps.countRequest(name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CognitoError('SerializationException', 'The request body is not valid JSON.');
  }
  const result = await operation(asBody(parsed));
  sendJson(response, 200, result, headers, 'application/x-amz-json-1.1');
}
