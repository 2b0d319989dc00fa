// Node answers each HTTP request with about seven process.nextTick calls (its streams' end, write and
// destroy steps). V8 compiles nextTick once it is hot, with whatever type feedback it has gathered by
// then, and keeps that code. In this server it used to become hot while the app was being built
// (schemas compiled, workers started, blockers calibrated): compiled then, it took a slow, generic path
// to build each tick object, 4–7 times slower than in a bare Fastify process (a chain of nextTicks:
// 530–700 ns each vs 110, on Node 20 and 24; the profile put the time on the tick object's literal).
// Which way it goes depends on timing, so it was not every run, but most. A short chain of ticks
// before anything else runs makes nextTick hot, and compiled, with the feedback of its own steady
// state: it stays at bare Fastify's speed, and the server spends about 7 µs less CPU per request
// (`npm run bench`, docs/observability-cost.md).

/** How many ticks: enough for V8 to optimise nextTick (a few thousand calls), a few ms at start-up. */
const WARM_UP_TICKS = 20_000

/** Runs `ticks` process.nextTick callbacks one after another; resolves after the last. */
export async function warmUpNextTick (ticks = WARM_UP_TICKS): Promise<number> {
  return await new Promise((resolve) => {
    let ran = 0
    const tick = (): void => {
      ran++
      if (ran < ticks) process.nextTick(tick)
      else resolve(ran)
    }
    process.nextTick(tick)
  })
}
