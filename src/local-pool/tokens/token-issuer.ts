import { randomUUID } from 'node:crypto';
import { verifiedFlags } from '../persistence/pool-data.ts';
import type { PoolStore, StoredUser } from '../persistence/pool-store.ts';
import { notAuthorized } from '../protocol/errors.ts';
import {
  generateRsaJwk,
  type Jwk,
  type JwtClaims,
  type RsaKeys,
  rsaKeys,
  signJwt,
  verifyJwt,
} from './jwt.ts';

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export interface AccessTokenClaims extends JwtClaims {
  sub: string;
  username: string;
  client_id: string;
  origin_jti: string;
  token_use: 'access';
}

/** RS256 tokens with Cognito's claims, signed by a key that is kept with the pool's data. */
export class TokenIssuer {
  private constructor(
    private readonly keys: RsaKeys,
    private readonly issuer: () => string,
    private readonly store: PoolStore,
    private readonly lifetimeSeconds: number,
  ) {}

  static async create(
    store: PoolStore,
    issuer: () => string,
    lifetimeSeconds: number,
  ): Promise<TokenIssuer> {
    let privateJwk = store.signingKey;
    if (!privateJwk) {
      privateJwk = generateRsaJwk();
      await store.setSigningKey(privateJwk);
    }
    return new TokenIssuer(rsaKeys(privateJwk), issuer, store, lifetimeSeconds);
  }

  get jwks(): { keys: Jwk[] } {
    return { keys: [this.keys.publicJwk] };
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
    const [AccessToken, IdToken] = [
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
    ];
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
      ExpiresIn: this.lifetimeSeconds,
      TokenType: 'Bearer',
    };
  }

  /** The claims of a live access token, or NotAuthorizedException as Cognito words it. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    // Checked as at time 0, so that a token only out of time is told apart, as Cognito words it.
    const signed = verifyJwt(token, this.keys, this.issuer(), 0);
    if (signed?.token_use !== 'access') throw notAuthorized('Invalid Access Token');
    const claims = signed as AccessTokenClaims;
    if ((claims.exp as number) <= Date.now() / 1000) {
      throw notAuthorized('Access Token has expired');
    }
    if (this.store.isOriginRevoked(claims.origin_jti)) {
      throw notAuthorized('Access Token has been revoked');
    }
    const user = this.store.findUser(claims.username);
    if (!user || user.sub !== claims.sub) throw notAuthorized('Invalid Access Token');
    return claims;
  }

  private sign(claims: JwtClaims, audience: string | undefined): string {
    const issuedAt = Math.floor(Date.now() / 1000);
    return signJwt(
      {
        ...claims,
        jti: randomUUID(),
        iss: this.issuer(),
        iat: issuedAt,
        exp: issuedAt + this.lifetimeSeconds,
        ...(audience ? { aud: audience } : {}),
      },
      this.keys,
    );
  }
}
