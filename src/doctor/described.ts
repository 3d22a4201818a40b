/** The parts of DescribeUserPool's `UserPool` the checks read. */
export interface DescribedPool {
  Id?: string;
  /** The prefix of the pool's Cognito domain, when it has one. */
  Domain?: string;
  /** The pool's own domain name, such as auth.example.com, when it has one. */
  CustomDomain?: string;
  LambdaConfig?: {
    DefineAuthChallenge?: string;
    CreateAuthChallenge?: string;
    VerifyAuthChallengeResponse?: string;
  };
  /** Attributes Cognito verifies with a code of its own at sign-up (`email`, `phone_number`). */
  AutoVerifiedAttributes?: string[];
  /** What users sign in with instead of a username, when set. */
  UsernameAttributes?: string[];
  /** What users may sign in with besides their username, when set. */
  AliasAttributes?: string[];
  /** Every attribute of the pool; Cognito lists all the standard ones, used or not. */
  SchemaAttributes?: { Name?: string; AttributeDataType?: string; Required?: boolean }[];
  UserAttributeUpdateSettings?: {
    /** Attributes whose new value takes effect only once verified; the old one works meanwhile. */
    AttributesRequireVerificationBeforeUpdate?: string[];
  };
  /** Absent on pools created before the setting existed (February 2020): case-sensitive. */
  UsernameConfiguration?: { CaseSensitive?: boolean };
}

/** The parts of DescribeUserPoolClient's `UserPoolClient` the checks read. */
export interface DescribedClient {
  ClientId?: string;
  ClientName?: string;
  ExplicitAuthFlows?: string[];
  /** With a pool domain, the client is served by Cognito's hosted sign-in pages. */
  AllowedOAuthFlowsUserPoolClient?: boolean;
  SupportedIdentityProviders?: string[];
  PreventUserExistenceErrors?: string;
  /** Minutes; Cognito's default (3) when absent. */
  AuthSessionValidity?: number;
  /** The app's pages Cognito may send users back to: where passkeys are used, too. */
  CallbackURLs?: string[];
  LogoutURLs?: string[];
}
