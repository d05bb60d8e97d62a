/**
 * Where sessions and used states are kept when they must be shared by every instance of the
 * server: the three methods of an [unstorage](https://unstorage.unjs.io) `Storage`, which is what
 * you pass (`createStorage({ driver: redisDriver({ url }) })`). Values are small JSON objects;
 * every key is written with a `ttl` (seconds), so nothing outlives the session or state it is
 * about.
 */
export interface WechatAuthStore {
  /** The value at `key`, or `null`. */
  getItem: (key: string) => Promise<unknown>
  /** Writes `value` (JSON) at `key`, to expire after `options.ttl` seconds. */
  setItem: (key: string, value: number | object, options: { ttl: number }) => Promise<void>
  /** Deletes `key` (nothing happens when it is absent). */
  removeItem: (key: string) => Promise<void>
}
