// Every relative link in the README and docs/ must lead somewhere: a file that exists and, when the
// link names one, a heading of that file (GitHub's anchor rules: lower case, punctuation dropped,
// spaces to hyphens).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join('docs', name))]

/** Markdown without its fenced code blocks and inline code, where `[x](y)` is not a link. */
function prose (markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
}

function anchorOf (heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')
}

function anchorsOf (file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '')
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = anchorOf(heading)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

function relativeLinks (document: string): string[] {
  const text = prose(readFileSync(join(root, document), 'utf8'))
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1])
  return targets.filter((target) => !/^[a-z]+:/i.test(target))
}

describe('relative links in README.md and docs/', () => {
  it('finds the documents and their links', () => {
    expect(documents).toContain('docs/operations.md')
    expect(relativeLinks('README.md').length).toBeGreaterThan(5)
  })

  it('computes GitHub anchors', () => {
    expect(anchorOf('Soak benchmark (`--soak`)')).toBe('soak-benchmark---soak')
    expect(anchorOf('Watching the event loop: `/metrics` and `/stats`')).toBe('watching-the-event-loop-metrics-and-stats')
  })

  it.each(documents)('%s: every relative link resolves, #anchors included', (document) => {
    const broken: string[] = []
    for (const link of relativeLinks(document)) {
      const [path, anchor] = link.split('#') as [string, string | undefined]
      const target = path === '' ? join(root, document) : join(root, dirname(document), decodeURI(path))
      if (!existsSync(target)) {
        broken.push(`${link} (no file ${relative(root, target)})`)
        continue
      }
      if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(target).has(anchor)) broken.push(`${link} (no heading #${anchor})`)
    }
    expect(broken).toEqual([])
  })
})
