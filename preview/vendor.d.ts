/** miniprogram-compiler (brought by miniprogram-simulate) ships no types: the one call the preview makes. */
declare module 'miniprogram-compiler' {
  const compiler: {
    /** runs `wcc` over every template under `rootPath`; returns the body of a function that returns `$gwx` */
    wxmlToJs(rootPath: string, options?: { maxBuffer?: number; wxmlList?: string[]; wxsList?: string[] }): string;
  };
  export default compiler;
}
