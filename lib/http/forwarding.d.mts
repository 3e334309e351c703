export interface TrustedProxies {
  readonly count: number;
}
export declare const PEER_HEADER: string;
export declare const PEER_KEY_ENV: string;
export declare const FORWARDED_HEADERS: readonly string[];
export declare function normalizeAddress(raw: string | null | undefined): string;
export declare function parseTrustedProxies(spec: string | null | undefined): TrustedProxies;
export declare function isTrustedProxy(proxies: TrustedProxies, address: string | null | undefined): boolean;
