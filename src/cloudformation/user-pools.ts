import {
  booleanOf,
  type CfnResource,
  type CfnTemplate,
  describeValue,
  numberOf,
  pointingAt,
  referenceOf,
  resourcesOfType,
  stringsOf,
} from './template.ts';

/** The challenge triggers, as LambdaConfig names them. */
export const challengeTriggers = [
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
] as const;

export type ChallengeTrigger = (typeof challengeTriggers)[number];

/**
 * The flows an app client allows: those it lists, or what Cognito enables for a client whose
 * ExplicitAuthFlows is empty (SRP among them).
 */
export function enabledFlows(listed: readonly string[] | undefined): readonly string[] {
  return listed && listed.length > 0
    ? listed
    : ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
}

/** An app client of a template's pool, with CloudFormation's (and Cognito's API's) names. */
export interface TemplateClient {
  logicalId: string;
  ClientName?: string | undefined;
  ExplicitAuthFlows?: string[] | undefined;
  AllowedOAuthFlowsUserPoolClient?: boolean | undefined;
  SupportedIdentityProviders?: string[] | undefined;
  PreventUserExistenceErrors?: string | undefined;
  AuthSessionValidity?: number | undefined;
  AccessTokenValidity?: number | undefined;
  /** The unit of AccessTokenValidity: `seconds`, `minutes`, `hours` (the default) or `days`. */
  AccessTokenUnit?: string | undefined;
  CallbackURLs?: string[] | undefined;
  LogoutURLs?: string[] | undefined;
}

/** A user pool of a template: its settings, clients, domain and trigger functions. */
export interface TemplatePool {
  logicalId: string;
  properties: Record<string, unknown>;
  clients: TemplateClient[];
  domain?: { name: string; custom: boolean } | undefined;
  /** Each attached challenge trigger: the logical id of its function, or the literal ARN. */
  triggers: Partial<Record<ChallengeTrigger, { functionId?: string; value: string }>>;
}

function clientOf(logicalId: string, resource: CfnResource): TemplateClient {
  const properties = resource.Properties ?? {};
  return {
    logicalId,
    ClientName: describeValue(properties.ClientName),
    ExplicitAuthFlows: stringsOf(properties.ExplicitAuthFlows),
    AllowedOAuthFlowsUserPoolClient: booleanOf(properties.AllowedOAuthFlowsUserPoolClient),
    SupportedIdentityProviders: stringsOf(properties.SupportedIdentityProviders),
    PreventUserExistenceErrors: describeValue(properties.PreventUserExistenceErrors),
    AuthSessionValidity: numberOf(properties.AuthSessionValidity),
    AccessTokenValidity: numberOf(properties.AccessTokenValidity),
    AccessTokenUnit: describeValue(
      (properties.TokenValidityUnits as { AccessToken?: unknown } | undefined)?.AccessToken,
    ),
    CallbackURLs: stringsOf(properties.CallbackURLs),
    LogoutURLs: stringsOf(properties.LogoutURLs),
  };
}

function triggersOf(template: CfnTemplate, lambdaConfig: unknown): TemplatePool['triggers'] {
  const config = (lambdaConfig ?? {}) as Record<string, unknown>;
  const found: TemplatePool['triggers'] = {};
  for (const trigger of challengeTriggers) {
    const value = config[trigger];
    if (value === undefined || value === null || value === '') continue;
    const reference = referenceOf(value);
    const isFunction =
      reference !== undefined && template.Resources[reference]?.Type === 'AWS::Lambda::Function';
    found[trigger] = {
      ...(isFunction ? { functionId: reference } : {}),
      value: describeValue(value) ?? '',
    };
  }
  return found;
}

/** Every user pool the template creates, with what points at it. */
export function templatePools(template: CfnTemplate): TemplatePool[] {
  return resourcesOfType(template, 'AWS::Cognito::UserPool').map(([logicalId, resource]) => {
    const properties = resource.Properties ?? {};
    const [domain] = pointingAt(template, 'AWS::Cognito::UserPoolDomain', 'UserPoolId', logicalId);
    const domainProperties = domain?.[1].Properties ?? {};
    return {
      logicalId,
      properties,
      clients: pointingAt(template, 'AWS::Cognito::UserPoolClient', 'UserPoolId', logicalId).map(
        ([id, client]) => clientOf(id, client),
      ),
      domain: domain
        ? {
            name: describeValue(domainProperties.Domain) ?? '(unnamed)',
            custom: domainProperties.CustomDomainConfig !== undefined,
          }
        : undefined,
      triggers: triggersOf(template, properties.LambdaConfig),
    };
  });
}
