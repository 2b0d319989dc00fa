// Named errors of the lab's page, feed and runs (LAB_ERR_*): clients and tests match on `code`.
import createError from '@fastify/error'

export const BadRunRouteError = createError<[string]>('LAB_ERR_RUN_ROUTE', 'body field route %s', 400)
export const RunBusyError = createError<[string]>('LAB_ERR_RUN_BUSY', 'run %s is still running: one load run at a time', 409)
export const RunsOffError = createError('LAB_ERR_RUNS_OFF', 'load runs are turned off on this server (LAB_RUNS=false)', 403)
export const RunNotFoundError = createError<[string]>('LAB_ERR_RUN_NOT_FOUND', 'no run %s: it never existed or has been forgotten', 404)
export const WatchersFullError = createError<[number]>('LAB_ERR_WATCHERS_FULL', 'the live feed already has %d watchers; retry later', 503)
export const AssetMissingError = createError<[string]>('LAB_ERR_ASSET_MISSING', '%s is not built: run npm run build', 404)
