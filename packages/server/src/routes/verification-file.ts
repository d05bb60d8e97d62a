import type { WechatVerificationFile } from '../options'
import { FastResponse } from 'srvx'

/**
 * `GET /MP_verify_….txt`: the Official Account's verification file, verbatim, for the 公众平台's
 * check of a 网页授权域名 — at the site's root, or under the domain's path (`www.example.com/mp` →
 * `/mp/MP_verify_….txt`), so at any path that ends with its name (it is public anyway).
 * `undefined` for every other request.
 */
export function verificationFileRoute(request: Request, url: URL, file: WechatVerificationFile | undefined): Response | undefined {
  if (!file || (request.method !== 'GET' && request.method !== 'HEAD') || !url.pathname.endsWith(`/${file.name}`))
    return undefined
  return new FastResponse(request.method === 'HEAD' ? null : file.content, {
    headers: [['content-type', 'text/plain; charset=utf-8'], ['x-content-type-options', 'nosniff']],
  })
}
