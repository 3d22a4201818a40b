import type { RelyingParty } from './relying-party.ts';

/**
 * The request as a Lambda function URL or an API Gateway HTTP API (payload 2.0) passes it;
 * `httpMethod` is a REST API's (payload 1.0).
 */
export interface HttpRequestEvent {
  requestContext?: { http?: { method?: string } };
  httpMethod?: string;
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** What a function URL or API Gateway sends back. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const methodOf = (event: HttpRequestEvent) =>
  (event?.requestContext?.http?.method ?? event?.httpMethod ?? '').toUpperCase();

/** Header names arrive lower-cased from a function URL, as sent from API Gateway v1. */
export function headerOf(event: HttpRequestEvent, name: string): string | undefined {
  const headers = event?.headers ?? {};
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function bodyOf(event: HttpRequestEvent): string {
  const body = event?.body ?? '';
  return event?.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string>,
): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

const allowedOrigin = (party: RelyingParty, origin: string) =>
  Array.isArray(party.origins) ? party.origins.includes(origin) : party.origins(origin);

/**
 * Answers what CORS asks of a handler for the pages of `party`: a refusal for another
 * origin, a preflight's answer, or the headers for the answer to come.
 */
export function corsFor(
  party: RelyingParty,
  event: HttpRequestEvent,
  allow: { methods: string; headers?: string },
): HttpResponse | Record<string, string> {
  const origin = headerOf(event, 'origin');
  if (origin !== undefined && !allowedOrigin(party, origin)) {
    return jsonResponse(403, { message: `Passkeys are not offered to ${origin}.` }, {});
  }
  const headers: Record<string, string> = origin
    ? { 'access-control-allow-origin': origin, vary: 'Origin' }
    : {};
  if (methodOf(event) !== 'OPTIONS') return headers;
  return {
    statusCode: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': allow.methods,
      ...(allow.headers && { 'access-control-allow-headers': allow.headers }),
      'access-control-max-age': '600',
    },
    body: '',
  };
}

export const isResponse = (value: HttpResponse | Record<string, string>): value is HttpResponse =>
  typeof value.statusCode === 'number';
