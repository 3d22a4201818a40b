import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { notAuthorized } from './errors.ts';
import { verifiedFlags } from './pool-data.ts';
import type { PoolStore, StoredUser } from './store.ts';

const tokenLifetimeSeconds = 3600;

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export interface AccessTokenClaims extends JWTPayload {
  username: string;
  client_id: string;
  origin_jti: string;
  token_use: 'access';
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/** RS256 tokens with Cognito's claims, signed by a key that is kept with the pool's data. */
export class TokenIssuer {
  private constructor(
    private readonly privateKey: SigningKey,
    private readonly publicKey: SigningKey,
    private readonly publicJwk: JWK,
    private readonly issuer: () => string,
    private readonly store: PoolStore,
  ) {}

  static async create(store: PoolStore, issuer: () => string): Promise<TokenIssuer> {
    let privateJwk = store.signingKey;
    if (!privateJwk) {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256' };
      await store.setSigningKey(privateJwk);
    }
    const { kty, n, e, kid } = privateJwk;
    const publicJwk: JWK = { kty, n, e, kid, alg: 'RS256', use: 'sig' };
    const [privateKey, publicKey] = await Promise.all([
      importJWK(privateJwk, 'RS256'),
      importJWK(publicJwk, 'RS256'),
    ]);
    return new TokenIssuer(privateKey, publicKey, publicJwk, issuer, store);
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** Access and ID tokens; a refresh token too unless this is a refresh. */
  async issue(input: {
    user: StoredUser;
    clientId: string;
    authTime: number;
    originJti?: string;
  }): Promise<AuthenticationResult> {
    const { user, clientId, authTime } = input;
    const originJti = input.originJti ?? randomUUID();
    const eventId = randomUUID();
    const [AccessToken, IdToken] = await Promise.all([
      this.sign(
        {
          sub: user.sub,
          version: 2,
          token_use: 'access',
          scope: 'aws.cognito.signin.user.admin',
          auth_time: authTime,
          client_id: clientId,
          username: user.username,
          origin_jti: originJti,
          event_id: eventId,
        },
        undefined,
      ),
      this.sign(
        {
          ...user.attributes,
          sub: user.sub,
          ...verifiedFlags(user),
          'cognito:username': user.username,
          token_use: 'id',
          auth_time: authTime,
          origin_jti: originJti,
          event_id: eventId,
        },
        clientId,
      ),
    ]);
    const RefreshToken = input.originJti
      ? undefined
      : await this.store.issueRefreshToken({
          username: user.username,
          clientId,
          originJti,
          authTime,
        });
    return {
      AccessToken,
      IdToken,
      RefreshToken,
      ExpiresIn: tokenLifetimeSeconds,
      TokenType: 'Bearer',
    };
  }

  /** The claims of a live access token, or NotAuthorizedException as Cognito words it. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer() }));
    } catch {
      throw notAuthorized('Invalid Access Token');
    }
    if (payload.token_use !== 'access') throw notAuthorized('Invalid Access Token');
    const claims = payload as AccessTokenClaims;
    if (this.store.isOriginRevoked(claims.origin_jti)) {
      throw notAuthorized('Access Token has been revoked');
    }
    const user = this.store.findUser(claims.username);
    if (!user || user.sub !== claims.sub) throw notAuthorized('Invalid Access Token');
    return claims;
  }

  private sign(claims: JWTPayload, audience: string | undefined): Promise<string> {
    const jwt = new SignJWT({ ...claims, jti: randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid })
      .setIssuer(this.issuer())
      .setIssuedAt()
      .setExpirationTime(`${tokenLifetimeSeconds}s`);
    return (audience ? jwt.setAudience(audience) : jwt).sign(this.privateKey);
  }
}
