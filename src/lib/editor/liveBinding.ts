/**
 * Keeps a cell's Monaco model and its shared text (Y.Text) the same both ways, and shows the other
 * people's carets and selections with their names. After y-monaco (MIT), written against Tape's own
 * Monaco: y-monaco imports `monaco-editor/esm/vs/editor/editor.api.js`, which Monaco 0.57's export
 * map no longer resolves, and would bundle a second Monaco.
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { monaco, type Monaco } from './monaco';
import { peerMarks } from './peers';

type Editor = ReturnType<Monaco['editor']['create']>;
type Decoration = Parameters<Editor['deltaDecorations']>[1][number];

/**
 * The others' names, shown on their carets as `::after` labels: one rule per person in a
 * constructed style sheet (no inline style, so no CSP exception). Monaco's injected text (`before`)
 * was tried first and is not drawn for these decorations; a label that takes no room in the line
 * also leaves Monaco's own caret measurements alone.
 */
const nameSheet = typeof CSSStyleSheet === 'undefined' ? undefined : new CSSStyleSheet();
const names = new Map<number, string>();

function cssString(text: string): string {
	return `"${[...text].map((c) => (/[\w .@-]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/** Makes sure `.tape-peer-id-<clientID>::after` shows `name`. */
function labelPeer(clientID: number, name: string): void {
	if (!nameSheet || names.get(clientID) === name) return;
	names.set(clientID, name);
	nameSheet.replaceSync([...names].map(([id, label]) => `.tape-peer-id-${id}::after { content: ${cssString(label)}; }`).join('\n'));
	if (!document.adoptedStyleSheets.includes(nameSheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, nameSheet];
}

export function bindLiveText(ytext: Y.Text, editor: Editor, awareness: Awareness): () => void {
	const model = editor.getModel()!;
	const doc = ytext.doc!;
	let applying = false;
	let decorations: string[] = [];

	const render = () => {
		const next: Decoration[] = [];
		for (const mark of peerMarks(ytext, awareness)) {
			const color = `tape-peer-${mark.color}`;
			const from = model.getPositionAt(mark.from);
			const to = model.getPositionAt(mark.to);
			if (from.lineNumber !== to.lineNumber || from.column !== to.column) {
				next.push({ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), options: { className: `tape-peer-selection ${color}` } });
			}
			const caret = model.getPositionAt(mark.head);
			labelPeer(mark.clientID, mark.name);
			next.push({
				range: new monaco.Range(caret.lineNumber, caret.column, caret.lineNumber, caret.column),
				options: {
					beforeContentClassName: `tape-peer-caret tape-peer-id-${mark.clientID} ${color}`,
					stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges
				}
			});
		}
		decorations = editor.deltaDecorations(decorations, next);
	};

	const fromShared = (event: Y.YTextEvent, transaction: Y.Transaction) => {
		if (transaction.origin === model) return;
		applying = true;
		try {
			let index = 0;
			for (const op of event.delta) {
				if (op.retain !== undefined) index += op.retain;
				else if (op.insert !== undefined) {
					const at = model.getPositionAt(index);
					model.applyEdits([{ range: new monaco.Range(at.lineNumber, at.column, at.lineNumber, at.column), text: op.insert as string }]);
					index += (op.insert as string).length;
				} else if (op.delete !== undefined) {
					const from = model.getPositionAt(index);
					const to = model.getPositionAt(index + op.delete);
					model.applyEdits([{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: '' }]);
				}
			}
		} finally {
			applying = false;
		}
		render();
	};

	if (model.getValue() !== ytext.toString()) {
		applying = true;
		model.setValue(ytext.toString());
		applying = false;
	}
	ytext.observe(fromShared);
	const subscriptions = [
		model.onDidChangeContent((event: { changes: { rangeOffset: number; rangeLength: number; text: string }[] }) => {
			if (applying) return;
			doc.transact(() => {
				// Right to left, so each change's offset still holds.
				for (const change of [...event.changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
					if (change.rangeLength) ytext.delete(change.rangeOffset, change.rangeLength);
					if (change.text) ytext.insert(change.rangeOffset, change.text);
				}
			}, model);
		}),
		editor.onDidChangeCursorSelection(() => {
			const selection = editor.getSelection();
			if (!selection || !editor.hasTextFocus()) return;
			const start = model.getOffsetAt(selection.getStartPosition());
			const end = model.getOffsetAt(selection.getEndPosition());
			const [anchor, head] = selection.getDirection() === monaco.SelectionDirection.RTL ? [end, start] : [start, end];
			awareness.setLocalStateField('selection', {
				anchor: Y.createRelativePositionFromTypeIndex(ytext, anchor),
				head: Y.createRelativePositionFromTypeIndex(ytext, head)
			});
		})
	];
	awareness.on('change', render);
	render();
	return () => {
		ytext.unobserve(fromShared);
		awareness.off('change', render);
		subscriptions.forEach((subscription) => subscription.dispose());
		if (!editor.getModel()?.isDisposed()) decorations = editor.deltaDecorations(decorations, []);
	};
}
