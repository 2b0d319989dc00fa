// madge ships no types; the two calls the import-graph test makes.
declare module 'madge' {
  interface MadgeConfig { fileExtensions?: string[], tsConfig?: string, detectiveOptions?: unknown }
  interface MadgeResult {
    /** Every file (relative to the folder given) with the files it imports. */
    obj: () => Record<string, string[]>
    circular: () => string[][]
  }
  export default function madge (path: string, config?: MadgeConfig): Promise<MadgeResult>
}
