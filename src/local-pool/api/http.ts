import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from '../protocol/errors.ts';

export const maxBodyBytes = 1024 * 1024;
/** Past this much discarded upload the connection is cut instead of drained. */
const maxDrainBytes = 16 * maxBodyBytes;

const isLoopbackHostname = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);

export function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHostname(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * Whether a Host header names this machine: a loopback name, or the address the pool was
 * told to listen on. A page on another site that rebinds its own name to 127.0.0.1 still
 * sends its own name as Host, so it is refused (DNS rebinding).
 */
export function isLocalHost(host: string | undefined, listenHost: string): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  const configured = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return isLoopbackHostname(hostname) || hostname === configured.toLowerCase();
}

const loopbackIpv4 = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether a TCP peer (or listen) address is this machine: 127.0.0.0/8, ::1, or ::ffff:127.x. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const mapped = /^::ffff:(.+)$/i.exec(address)?.[1];
  return loopbackIpv4.test(mapped ?? address) || address === '::1';
}

/**
 * Whether a request may reach the local aids: it comes over a loopback connection and names
 * this machine in its Host header. A pool told to listen on the network still serves codes and
 * private challenge parameters only to this machine, whatever Host a caller elsewhere sends.
 */
export function isLocalCaller(
  request: { headers: { host?: string }; socket: { remoteAddress?: string } },
  listenHost: string,
): boolean {
  return (
    isLoopbackAddress(request.socket.remoteAddress) && isLocalHost(request.headers.host, listenHost)
  );
}

/**
 * The Cognito API answers any origin, as Cognito does. The local aids (codes, private
 * challenge parameters, faults) answer only pages served from this machine, so a site open
 * in the same browser cannot read a developer's codes.
 */
export function corsHeaders(request: IncomingMessage, localAid: boolean): Record<string, string> {
  const origin = request.headers.origin;
  if (localAid && origin !== undefined && !isLoopbackOrigin(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin ?? '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers':
      request.headers['access-control-request-headers'] ??
      'content-type, x-amz-target, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request, cache-control, authorization',
    'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

export function sendCognitoError(
  response: ServerResponse,
  error: CognitoError,
  headers: Record<string, string>,
): void {
  sendJson(
    response,
    error.status,
    { __type: error.type, message: error.message },
    { ...headers, 'x-amzn-errortype': error.type, 'x-amzn-errormessage': error.message },
    'application/x-amz-json-1.1',
  );
}

/** The request body as text, refused past 1 MiB (the rest is drained so the client gets the answer). */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxDrainBytes) request.destroy();
      else if (received <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      if (received > maxBodyBytes) {
        reject(
          new CognitoError('InvalidParameterException', 'The request body is larger than 1 MiB.'),
        );
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    request.on('error', reject);
  });
}
