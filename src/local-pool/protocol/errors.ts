/** A Cognito service error: HTTP status plus the `__type` code clients switch on. */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const invalidParameter = (message: string) =>
  new CognitoError('InvalidParameterException', message);

export const notAuthorized = (message = 'Incorrect username or password.') =>
  new CognitoError('NotAuthorizedException', message);

export const userNotFound = () => new CognitoError('UserNotFoundException', 'User does not exist.');

export const resourceNotFound = (message: string) =>
  new CognitoError('ResourceNotFoundException', message);
