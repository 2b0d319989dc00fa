// The registry: every scenario `--scenarios` can name, in the order they run. A new scenario is a
// folder beside this file (its Scenario, options and report pieces) and one line here.
import type { Scenario } from '../core/scenario.js'
import { delayScenario } from './delay/delay.js'
import { fetchScenario } from './fetch/fetch.js'
import { hashScenario } from './hash/hash.js'
import { sheddingScenario } from './shedding/shedding.js'
import { soakScenario } from './soak/soak.js'
import { computeScenario } from './compute/compute.js'
import { checkbookScenario } from './checkbook/checkbook.js'
import { pollingScenario } from './polling/polling.js'
import { blockersScenario } from './blockers/blockers.js'
import { scaleScenario } from './scale/scale.js'

export const SCENARIOS: Scenario[] = [
  delayScenario,
  fetchScenario,
  hashScenario,
  sheddingScenario,
  soakScenario,
  computeScenario,
  checkbookScenario,
  pollingScenario,
  blockersScenario,
  scaleScenario
]
