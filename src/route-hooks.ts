// Adds a hook to one route as it is registered (from an `onRoute` hook), next to the hooks the route
// already has. A route-level hook runs only for its route: the plugins that need per-route work decide
// once, at start-up, which routes pay for it, and capture what they need instead of looking it up per
// request (`request.routeOptions` builds a new object at every read).
import type { RouteOptions } from 'fastify'

type HookName = 'onRequest' | 'preValidation' | 'preHandler' | 'onResponse'
type RouteHook<Name extends HookName> = NonNullable<RouteOptions[Name]>
type OneHook<Name extends HookName> = RouteHook<Name> extends ReadonlyArray<infer Hook> | infer Hook ? Hook : never

/** Runs `hook` before the route's own hooks of that name (`first`) or after them (`last`). */
export function addRouteHook<Name extends HookName> (route: RouteOptions, name: Name, hook: OneHook<Name>, where: 'first' | 'last'): void {
  const existing = route[name]
  const others = existing === undefined ? [] : [existing].flat()
  route[name] = (where === 'first' ? [hook, ...others] : [...others, hook]) as RouteOptions[Name]
}
