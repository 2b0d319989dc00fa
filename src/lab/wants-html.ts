// Whether a request is a browser's: it names text/html in Accept (curl's `*/*` does not).
export function wantsHtml (accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((entry) => {
    const [type, ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase())
    const q = parameters.find((parameter) => parameter.startsWith('q='))
    return type === 'text/html' && (q === undefined || Number(q.slice(2)) > 0)
  })
}
