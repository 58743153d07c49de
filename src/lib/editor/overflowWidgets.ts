/**
 * One layer for every cell editor's overflow widgets (signature help, hovers, completions), at
 * the top of the page. Inside a cell they would share the cell's stacking context, under the
 * sticky toolbar, which cut the signature help of the first cell in half.
 */
let host: HTMLElement | undefined;

export function overflowWidgetsHost(): HTMLElement {
	if (host?.isConnected) return host;
	host = document.createElement('div');
	// Monaco styles its widgets under .monaco-editor: the layer needs the class to look the same.
	host.className = 'monaco-editor tape-overflow-widgets';
	host.style.cssText = 'position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 50;';
	document.body.append(host);
	return host;
}
