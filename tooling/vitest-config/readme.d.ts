/** The code block between the README's example markers. */
export declare function readmeExample(packageDir: string): string;
/** Runs the README example with tsx inside the package and returns its stdout. */
export declare function runReadmeExample(packageDir: string): Promise<string>;
