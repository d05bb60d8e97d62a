import process from 'node:process'
import { createWechatAuth } from '@wechat-qr-login/server'
import { createStorage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { wechatOptions } from './auth'

// #region store
/** Shared by every instance: one Redis for all of them. */
export const store = createStorage({
  // One retry: while Redis is down, a request fails at once (503 STORE_UNAVAILABLE) instead of
  // waiting in ioredis's queue.
  driver: redisDriver({ url: process.env.REDIS_URL, maxRetriesPerRequest: 1 }),
})

export const auth = createWechatAuth({ ...wechatOptions, store })
// #endregion store
