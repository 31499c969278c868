/** The front half of the loader: what a file is and how to read it. Pure TypeScript, no DOM. */
export * from './file-kind';
export * from './encoding';
export * from './sniff';
export * from './numbers';
export * from './dates';
export * from './headers';
export * from './columns';
export * from './synonyms';
export * from './presets';
export * from './roles';
