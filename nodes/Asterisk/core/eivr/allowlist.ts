/**
 * Which source addresses may open an ExternalIVR session.
 *
 * ExternalIVR has no greeting, no authentication and no TLS: whoever can connect can drive the
 * call logic. So the listener checks the peer address first. Entries are exact addresses
 * (`10.0.0.5`, `::1`) or CIDR ranges (`10.0.0.0/8`, `fd00::/8`); `*` allows everyone. An
 * IPv4 peer seen on a dual-stack socket as `::ffff:10.0.0.5` is matched as `10.0.0.5`.
 */
import { BlockList, isIP } from 'node:net';

/** Loopback only: what the listener allows when it is given no list. */
export const LOOPBACK_ONLY: readonly string[] = ['127.0.0.0/8', '::1'];

export class Allowlist {
	private readonly list = new BlockList();
	private readonly everyone: boolean;

	/** Throws a RangeError naming the first entry it cannot read. */
	constructor(entries: readonly string[]) {
		let everyone = false;
		for (const raw of entries) {
			const entry = raw.trim();
			if (entry === '') continue;
			if (entry === '*') {
				everyone = true;
				continue;
			}
			const [address, prefixText, extra] = entry.split('/');
			const family = isIP(address);
			if (family === 0 || extra !== undefined) throw new RangeError(`allowlist entry "${entry}" is not an IP address or CIDR range`);
			const type = family === 4 ? 'ipv4' : 'ipv6';
			if (prefixText === undefined) {
				this.list.addAddress(address, type);
				continue;
			}
			const prefix = Number(prefixText);
			if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) {
				throw new RangeError(`allowlist entry "${entry}" has an invalid prefix length`);
			}
			this.list.addSubnet(address, prefix, type);
		}
		this.everyone = everyone;
	}

	allows(remoteAddress: string | undefined): boolean {
		if (this.everyone) return true;
		if (remoteAddress === undefined || remoteAddress === '') return false;
		const address = unmapIpv4(remoteAddress);
		const family = isIP(address);
		if (family === 0) return false;
		return this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
	}
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; anything else unchanged. */
export function unmapIpv4(address: string): string {
	const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
	return match === null ? address : match[1];
}
