/** Types of find-browser.mjs (a plain ES module, so `npm test` can run it before anything is compiled). */
export declare const USUAL_PATHS: string[];
export declare function findBrowser(): Promise<{ path: string; source: string; missing?: undefined } | { missing: string; path?: undefined } | undefined>;
