import type { EmulatorUser } from './options'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { assertUser } from './options'

/** Users created at run time (phone page, control API) kept at most; the oldest go first. */
const MAX_CREATED_USERS = 1000

/** The fake users: the seed users plus those created on the phone page or by the control API. */
export interface UserRegistry {
  list: () => EmulatorUser[]
  get: (id: string) => EmulatorUser | undefined
  /**
   * Finds the user a confirmation names: an id, a user object (added or updated), or nothing
   * (the first user).
   * @throws {WechatLoginError} `INVALID_OPTION` for an unknown id or a bad user object.
   */
  resolve: (user: string | EmulatorUser | undefined) => EmulatorUser
  /**
   * Adds a user, or replaces the one with the same id.
   * @throws {WechatLoginError} `INVALID_OPTION` for a bad user object.
   */
  add: (user: unknown) => EmulatorUser
  /** Forgets the users created at run time. */
  reset: () => void
}

/** Creates the registry over the seed users. */
export function createUserRegistry(seed: readonly EmulatorUser[]): UserRegistry {
  const seedIds = new Set(seed.map(user => user.id))
  let users = new Map(seed.map(user => [user.id, user]))

  function add(user: unknown): EmulatorUser {
    assertUser(user, 'user')
    const copy = { ...user }
    // A created user moves to the newest end (evicted last); a seed user keeps its place, so that
    // replacing the first one leaves it the default confirmer.
    if (!seedIds.has(user.id))
      users.delete(user.id)
    users.set(user.id, copy)
    if (users.size > seed.length + MAX_CREATED_USERS) {
      for (const id of users.keys()) {
        if (!seedIds.has(id)) {
          users.delete(id)
          break
        }
      }
    }
    return copy
  }

  function resolve(user: string | EmulatorUser | undefined): EmulatorUser {
    if (user === undefined) {
      const first = users.values().next().value
      if (!first)
        throw invalidOption('user', 'the emulator has no users. Pass a user { id, nickname } or configure "users".')
      return first
    }
    if (typeof user === 'string') {
      const found = users.get(user)
      if (!found)
        throw invalidOption('user', `there is no user with id "${user.slice(0, 64)}". Use an id from users(), or pass a user object { id, nickname } to create one.`)
      return found
    }
    return add(user)
  }

  return {
    list: () => [...users.values()].map(user => ({ ...user })),
    get: id => users.get(id),
    resolve,
    add,
    reset: () => {
      users = new Map(seed.map(user => [user.id, user]))
    },
  }
}
