/** What this module reads of a network interface: the shape of Node's `os.networkInterfaces()` entries. */
export interface LanInterface {
  address: string
  family: string
  internal: boolean
}

/**
 * The first non-internal IPv4 address among `interfaces`: what a phone on the same network dials
 * to reach this machine. Pass `networkInterfaces()` from `node:os` (core itself imports no Node module).
 */
export function findLanAddress(interfaces: Readonly<Record<string, readonly LanInterface[] | undefined>>): string | undefined {
  return Object.values(interfaces)
    .flat()
    .find(entry => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
    ?.address
}
