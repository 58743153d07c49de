/**
 * A Vite plugin for the frame's build: htl (the templates of Observable Inputs) no longer brings
 * inline event handler attributes into the frame's document.
 *
 * htl writes `oninput=${fn}` as an `oninput=::3` attribute in the markup it parses, and only
 * later swaps the attribute for the handler property. Parsing an `on…` attribute is enough for
 * Chromium to check it against the frame's CSP (no inline script) and log a violation. Renamed to
 * `data-htl-oninput=::3` in the markup, the placeholder is an ordinary attribute; htl's walker then
 * sets the property under the real name. The CSP stays as strict as it was.
 */
import type { Plugin } from 'vite';

const PARSE = 'template.innerHTML = string;';
// htl writes a handler as `oninput=::3` right after the name, unquoted; the template's own text
// never holds that pattern (interpolated text goes in through comment placeholders).
const PARSE_RENAMED = 'template.innerHTML = string.replace(/(\\s)(on[a-z]+)=::/gi, "$1data-htl-$2=::");';
const SET = 'node[name] = value;';
const SET_RENAMED = 'node[name.replace(/^data-htl-/, "")] = value;';

export function htlWithoutInlineHandlers(): Plugin {
	return {
		name: 'tape-htl-without-inline-handlers',
		transform(code, id) {
			if (!/[\\/]node_modules[\\/]htl[\\/]/.test(id)) return;
			// A newer htl written differently must fail the build, not quietly bring the violations back.
			if (code.split(PARSE).length !== 2 || code.split(SET).length !== 2) {
				this.error(`htl changed: ${id} no longer has the code this plugin rewrites (see src/lib/sandbox/htl-handlers.vite.ts)`);
			}
			return { code: code.replace(PARSE, PARSE_RENAMED).replace(SET, SET_RENAMED), map: null };
		}
	};
}
