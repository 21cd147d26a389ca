/** Absolute path of the built runtime (dist/). */
export declare const runtimeDir: string;
