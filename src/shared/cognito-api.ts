/** A refusal of Cognito's API: `name` is its error code (`NotAuthorizedException`...). */
export class CognitoApiError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * One call of Cognito's JSON API (`operation`, such as `GetUser`) at `endpoint`, for the calls
 * the kit makes beside Amplify: with no credentials, as public operations take them. Throws a
 * `CognitoApiError` named by Cognito's error code when it refuses.
 */
export async function callCognito<T>(
  endpoint: string,
  operation: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
    ...(signal && { signal }),
  });
  const answer = (await response.json().catch(() => ({}))) as T & {
    __type?: string;
    message?: string;
  };
  if (!response.ok) {
    // Cognito names some errors with a namespace: `...#NotAuthorizedException`.
    const name =
      String(answer.__type ?? 'Unknown')
        .split('#')
        .pop() || 'Unknown';
    throw new CognitoApiError(
      name,
      answer.message ?? `Cognito answered ${response.status}.`,
      response.status,
    );
  }
  return answer;
}
