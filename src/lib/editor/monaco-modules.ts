/**
 * The Monaco modules cells use: the editor core with its features, TypeScript's grammar and
 * language features, SQL's grammar (SQL cells), nothing for other languages. A production build bundles this file once with
 * esbuild (vite.monaco.ts) rather than through Rollup; load it with `loadMonaco()` from
 * `virtual:monaco`.
 */
export * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/sql/register';
export * as typescript from 'monaco-editor/languages/features/typescript/register';
