import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackOrigin } from '../local-aids/loopback.ts';
import { CognitoError } from '../protocol/errors.ts';

export const maxBodyBytes = 1024 * 1024;
/** Past this much discarded upload the connection is cut instead of drained. */
const maxDrainBytes = 16 * maxBodyBytes;

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

/**
 * A message as a header value may carry it: a trigger's error can hold line breaks or any
 * character, which Node refuses in a header (the answer would never be written). The body keeps
 * the message whole.
 */
const headerText = (text: string) =>
  text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[^\t\x20-\x7e]/g, '?');

export function sendCognitoError(
  response: ServerResponse,
  error: CognitoError,
  headers: Record<string, string>,
): void {
  sendJson(
    response,
    error.status,
    { __type: error.type, message: error.message },
    {
      ...headers,
      'x-amzn-errortype': error.type,
      'x-amzn-errormessage': headerText(error.message),
    },
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
