import dns from 'node:dns';
import net from 'node:net';

/**
 * Where a webhook may be sent (SSRF): not to this machine, its network or the cloud's metadata
 * service. Checked when an endpoint is registered, and again on every connection (`guardedLookup`),
 * because a name that resolved to a public address yesterday may resolve to 127.0.0.1 today.
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE_TARGETS, set by `npm start` and the tests) lets a developer
 * try a receiver on their own machine.
 */
const PRIVATE = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the cloud metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  PRIVATE.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  ['::', 127], // unspecified and loopback
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  PRIVATE.addSubnet(address, prefix, 'ipv6');

/** Whether an IP address is loopback, link-local, private or otherwise not on the public internet (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${address}`);
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL the API refuses, with the rule it breaks (the API's problem names /url and this). */
export class WebhookUrlProblem extends Error {
  override name = 'WebhookUrlProblem';
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
  }
}

export const MAX_URL_LENGTH = 2000;

/**
 * Checks an endpoint's URL at registration: http(s), no credentials, and — unless private targets
 * are allowed — https to a host whose every address is public. Throws a WebhookUrlProblem.
 */
export async function checkWebhookUrl(url: string, options: { allowPrivate: boolean }): Promise<void> {
  if (!URL.canParse(url)) throw new WebhookUrlProblem('is not a URL', 'format');
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new WebhookUrlProblem('must be an https URL', 'scheme');
  if (parsed.username || parsed.password)
    throw new WebhookUrlProblem('must not hold a user name or password: the signature says the request is ours', 'no-credentials');
  if (options.allowPrivate) return;
  if (parsed.protocol !== 'https:') throw new WebhookUrlProblem('must be an https URL', 'scheme');
  const host = hostOf(parsed);
  if (net.isIP(host)) {
    if (isPrivateAddress(host))
      throw new WebhookUrlProblem(`points at ${host}, a loopback, link-local or private address`, 'public-address');
    return;
  }
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch {
    throw new WebhookUrlProblem(`names a host that does not resolve: ${host}`, 'resolvable');
  }
  const inside = addresses.find((entry) => isPrivateAddress(entry.address));
  if (inside)
    throw new WebhookUrlProblem(
      `names ${host}, which resolves to ${inside.address}, a loopback, link-local or private address`,
      'public-address',
    );
}

/** The host as a resolver or net.isIP takes it: an IPv6 literal without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses private addresses at connect time, whatever the name
 * resolved to at registration (DNS rebinding). IP literals never reach a lookup: the sender checks them.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const inside = addresses.find((entry) => isPrivateAddress(entry.address));
    if (inside) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${inside.address}, a private address: not sent`);
      refused.code = 'EPRIVATETARGET';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
