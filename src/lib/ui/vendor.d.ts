// @observablehq/inputs ships no types; cells see it as `any` too (see editor/cellGlobals.ts).
declare module '@observablehq/inputs';
