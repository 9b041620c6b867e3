// The few parts of saxon-js 2.7 (no types of its own) the validator uses.
declare module 'saxon-js' {
  interface SvrlNode {
    getAttribute(name: string): string | null;
  }
  const SaxonJS: {
    transform(
      options: { stylesheetInternal: unknown; sourceText: string; destination: 'document' },
      mode: 'async',
    ): Promise<{ principalResult: unknown }>;
    XPath: {
      evaluate(
        expr: string,
        context: unknown,
        options: { namespaceContext: Record<string, string>; resultForm?: 'array' },
      ): unknown;
    };
  };
  export default SaxonJS;
}
