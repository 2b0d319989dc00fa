// Every scenario `--pairs` can name. A new scenario is one file in this folder and one line here.
import type { Scenario } from '../scenario.js'
import { delayScenario } from './delay.js'
import { fetchScenario } from './fetch.js'
import { hashScenario } from './hash.js'
import { sheddingScenario } from './shedding.js'
import { soakScenario } from './soak.js'
import { computeScenario } from './compute.js'
import { checkbookScenario } from './checkbook.js'
import { pollingScenario } from './polling.js'

export const SCENARIOS: Scenario[] = [
  delayScenario,
  fetchScenario,
  hashScenario,
  sheddingScenario,
  soakScenario,
  computeScenario,
  checkbookScenario,
  pollingScenario
]

export function findScenario (name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name)
}
