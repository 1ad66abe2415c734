import type { UserConfig } from 'tsdown';

/** The shared build settings, with a package's overrides (e.g. a bin entry). */
export declare function defineLibrary(overrides?: UserConfig): UserConfig;
