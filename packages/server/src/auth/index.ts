/** @module Identity and access: API keys, JWTs, principals and role checks, platform bootstrap. */
export { authorize, roleAtLeast, type Principal, type Decision } from './principal.js';
export { loadPepper, type LoadPepperOptions } from './pepper.js';
export { hashKey, issueApiKey, parseKeyId, KEY_PREFIX, type IssuedKey } from './api-keys.js';
export { createJwtVerifier, type JwtConfig, type JwtVerifier } from './jwt.js';
export { createAuthenticator, type Authenticate, type AuthenticatorOptions } from './authenticator.js';
export { bootstrapAdmin, type Bootstrap } from './bootstrap.js';
