/**
 * How the editors check cells (the TypeScript worker's libraries and what it does not report), apart
 * from Monaco so that tests check the same.
 *
 * The DOM as cells see it: TypeScript's own lib.dom.d.ts, less the window properties it declares as
 * globals under names a notebook uses for its own (`close`, `open`, `top`, `name`, `event`,
 * `history`…). A cell declaring `const close = …` clashed with `declare function close()` ("Cannot
 * redeclare block-scoped variable"), and every cell reading `close` then got the DOM's function's
 * type: shipped notebooks showed up to 11 false errors. Cells run inside a function in the frame,
 * where their names shadow these; a cell needing one reads it from `window`. Any other global a
 * notebook's cells declare (`window`, `performance`) is left out as they do (`domLibWithout`, kept
 * current by cellNames.ts), as is a library global a cell declares (libraryTypes.ts).
 */
import dom from 'typescript/lib/lib.dom.d.ts?raw';

/** The window properties left out (their types stay: `window.close()` still checks). */
export const LEFT_OUT = new Set([
	'alert', 'blur', 'caches', 'captureEvents', 'clientInformation', 'close', 'closed', 'confirm', 'cookieStore',
	'event', 'external', 'focus', 'frameElement', 'frames', 'history', 'length', 'location', 'locationbar', 'menubar',
	'moveBy', 'moveTo', 'name', 'open', 'opener', 'orientation', 'origin', 'outerHeight', 'outerWidth', 'pageXOffset',
	'pageYOffset', 'parent', 'personalbar', 'print', 'prompt', 'releaseEvents', 'resizeBy', 'resizeTo', 'screen',
	'screenLeft', 'screenTop', 'screenX', 'screenY', 'scroll', 'scrollBy', 'scrollTo', 'scrollbars', 'self', 'status',
	'statusbar', 'stop', 'toolbar', 'top', 'toString'
]);

/** Where the worker reads it; `lib` then names the rest (the ES libraries, `dom.iterable`). */
export const DOM_LIB_PATH = 'file:///lib/tape-dom.d.ts';

/** A global declared on one line (all of the DOM's are); its name. */
const GLOBAL = /^declare (?:var|const|let|function) (\w+)\b.*$/gm;
// As an extra file it would make the worker drop the ES libraries too.
const base = dom.replace('/// <reference no-default-lib="true"/>', '');

/** The DOM less LEFT_OUT and the globals `shadowed` (names the notebook's cells declare). */
export function domLibWithout(shadowed: ReadonlySet<string>): string {
	return base.replace(GLOBAL, (line, name: string) => (LEFT_OUT.has(name) || shadowed.has(name) ? '' : line));
}

export const domLib = domLibWithout(new Set());

/** The names the DOM declares as globals, which a cell's own declaration shadows. */
export const DOM_GLOBALS: ReadonlySet<string> = new Set([...base.matchAll(GLOBAL)].map((m) => m[1]));

/**
 * What is not reported. Cells run as async scripts sharing one scope, and are TypeScript written
 * loosely, as a notebook is: an untyped parameter or `const rows = []; rows.push(…)` is fine. So
 * implicit `any`s are not errors; but the checker runs with noImplicitAny on, without which an
 * empty array is `never[]` and every push to it an error (a shipped notebook showed 7).
 */
export const IGNORED_DIAGNOSTICS = [
	1375, // 'await' expressions are only allowed at the top level of a file when it is a module
	1378, // top-level 'await' needs module es2022+ (cells are not modules)
	// "… implicitly has an 'any' type" and its kin
	7005, 7006, 7008, 7009, 7010, 7011, 7012, 7013, 7014, 7015, 7017, 7018, 7019, 7020, 7022, 7023, 7024, 7025, 7031,
	7032, 7033, 7034, 7039, 7043, 7044, 7045, 7046, 7047, 7048, 7049, 7050, 7052, 7053, 7055, 7057
];
