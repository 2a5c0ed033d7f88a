import ipaddr from "ipaddr.js";

/** Global unicast 2000::/3: the only IPv6 space a public document host can live in. */
const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");

/**
 * Why an address may not be fetched from, or undefined when it is a public unicast address.
 * ipaddr.process() unwraps IPv4-mapped IPv6 (::ffff:a.b.c.d) so the embedded v4 is what gets
 * checked; every special range (loopback, private, link-local incl. 169.254.169.254, CGNAT,
 * 0/8, multicast, broadcast, reserved, ULA, NAT64 64:ff9b::/96, 6to4, Teredo, …) is refused.
 * Unparseable input is refused too (fail closed).
 */
export function forbiddenAddressReason(ip: string): string | undefined {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  if (!ipaddr.isValid(bare)) return "invalid";
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.process(bare);
  } catch {
    return "invalid";
  }
  const range = address.range();
  if (range !== "unicast") return range;
  // ipaddr.js calls the deprecated IPv4-compatible ::a.b.c.d block and other unassigned v6
  // space "unicast"; only global unicast is reachable on the public internet.
  if (address.kind() === "ipv6" && !address.match(IPV6_GLOBAL_UNICAST)) return "reserved";
  return undefined;
}

/** True when `ip` is not a public unicast address (see forbiddenAddressReason). */
export function isForbiddenAddress(ip: string): boolean {
  return forbiddenAddressReason(ip) !== undefined;
}
