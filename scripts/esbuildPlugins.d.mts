import type { Plugin } from 'esbuild';

export declare const reuseMicromarkParser: Plugin;
export declare const productPlugins: Plugin[];
export declare const exportCommandApart: Plugin;
