import type { Config } from 'jest';

export declare const swcOptions: Record<string, unknown>;
/** Jest config for a workspace package whose tests live beside its sources. */
export declare function packageConfig(rootDir: string, overrides?: Config): Config;
/** Jest config for a chapter: tests in tests/ import the code under test as `@target/...`. */
export declare function chapterConfig(rootDir: string, overrides?: Config): Config;
/** The directory that COURSE_TARGET points a chapter's tests at. */
export declare function resolveTarget(rootDir: string, target?: string): string;
