// Authentication as the platform does it (linkcard-api.md section 1, "Signature"): Alibaba Cloud's RPC
// signature version 1.0. The string to sign is `<METHOD>&%2F&` and the percent-encoded canonical string
// (every parameter of the query and the form body but Signature, sorted by name, `k=v` joined by `&`,
// RFC 3986 encoding: space `%20`, `*` `%2A`, `~` kept); the key is the AccessKeySecret and `&`; the
// Base64 of the HMAC-SHA1 is the Signature. The SDKs sign with the request's method: `POST` for the
// platform's own clients, `GET` when a client calls with GET; the twin checks against the method used.
//
// Replays are refused as the gateway does: a Timestamp more than 15 minutes from the wall clock, or a
// SignatureNonce already seen in the last 15 minutes (per AccessKeyId). Throttling, when configured,
// counts requests per AccessKeyId over the last second of wall time (Throttling.User). The wall clock
// is read here, in server/, never in sim/.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { RpcError, rpcError } from './error-codes.ts';

export const SIGNATURE_WINDOW_MS = 15 * 60_000;

export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? '')}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function sign(secret: string, method: string, params: Readonly<Record<string, string>>): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign(method, params)).digest('base64');
}

export interface AuthOptions {
  /** AccessKeyId -> AccessKeySecret; none: signatures are accepted unchecked. */
  readonly accessKeys?: Readonly<Record<string, string>>;
  /** Requests per second per AccessKeyId; absent: no throttling. */
  readonly throttlePerSecond?: number;
  /** Wall milliseconds (tests move it); default Date.now. */
  readonly wallClock?: () => number;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export class Authenticator {
  private readonly nonces = new Map<string, number>();
  private readonly recent = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: AuthOptions) {
    this.now = options.wallClock ?? Date.now;
  }

  get checksSignatures(): boolean {
    return Object.keys(this.options.accessKeys ?? {}).length > 0;
  }

  /** Throws the gateway's error for a request that may not pass; returns the caller's AccessKeyId. */
  check(method: string, params: Readonly<Record<string, string>>): string {
    const keyId = params.AccessKeyId ?? '';
    if (this.checksSignatures) this.verify(method, params, keyId);
    this.throttle(keyId || 'anonymous');
    return keyId;
  }

  private verify(method: string, params: Readonly<Record<string, string>>, keyId: string): void {
    const missing = (name: string) =>
      new RpcError(
        'MissingParameter',
        `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
      );
    if (!keyId) throw missing('AccessKeyId');
    const secret = Object.hasOwn(this.options.accessKeys ?? {}, keyId)
      ? this.options.accessKeys![keyId]
      : undefined;
    if (secret === undefined) throw rpcError('InvalidAccessKeyId.NotFound', `AccessKeyId ${keyId}`);
    if ((params.SignatureMethod ?? 'HMAC-SHA1') !== 'HMAC-SHA1')
      throw rpcError(
        'IncompleteSignature',
        `SignatureMethod must be HMAC-SHA1, not ${params.SignatureMethod}`,
      );
    if ((params.SignatureVersion ?? '1.0') !== '1.0')
      throw rpcError('IncompleteSignature', `SignatureVersion must be 1.0, not ${params.SignatureVersion}`);
    const timestamp = params.Timestamp;
    if (!timestamp) throw missing('Timestamp');
    const at = TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : NaN;
    if (!Number.isFinite(at))
      throw rpcError(
        'InvalidTimeStamp.Format',
        `Timestamp ${timestamp}: expected yyyy-MM-ddTHH:mm:ssZ (UTC)`,
      );
    const wall = this.now();
    if (Math.abs(wall - at) > SIGNATURE_WINDOW_MS)
      throw rpcError(
        'InvalidTimeStamp.Expired',
        `Timestamp ${timestamp} is more than 15 minutes from ${new Date(wall).toISOString()}`,
      );
    const given = params.Signature;
    if (!given) throw missing('Signature');
    const expected = sign(secret, method, params);
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b))
      throw rpcError('SignatureDoesNotMatch', `server string to sign is: ${stringToSign(method, params)}`);
    const nonce = params.SignatureNonce;
    if (!nonce) throw missing('SignatureNonce');
    this.forgetOldNonces(wall);
    const key = `${keyId}\u0000${nonce}`;
    if (this.nonces.has(key)) throw rpcError('SignatureNonceUsed', `SignatureNonce ${nonce}`);
    this.nonces.set(key, wall);
  }

  /** Nonces are kept in the order seen, so the expired ones are at the front. */
  private forgetOldNonces(wall: number): void {
    for (const [key, seenAt] of this.nonces) {
      if (wall - seenAt <= SIGNATURE_WINDOW_MS) break;
      this.nonces.delete(key);
    }
  }

  private throttle(keyId: string): void {
    const limit = this.options.throttlePerSecond;
    if (limit === undefined) return;
    const wall = this.now();
    const times = (this.recent.get(keyId) ?? []).filter((t) => wall - t < 1000);
    if (times.length >= limit) {
      this.recent.set(keyId, times);
      throw rpcError(
        'Throttling.User',
        `more than ${limit} requests in a second for AccessKeyId ${keyId || 'anonymous'}`,
      );
    }
    times.push(wall);
    this.recent.set(keyId, times);
  }
}
