import { json, type RequestHandler } from '@sveltejs/kit';
import { DataError } from '$lib/data';
import { BodyTooLarge, createServerSource, DataConflict, readTextLimited, storeUpload, UPLOAD_LIMIT_BYTES, withoutDataDir, type ExistingPolicy } from '$lib/server/data';
import { mediaType } from '$lib/server/store/http';

const TOO_LARGE = `file is larger than the ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB upload limit; daily price files and tables are far smaller, so check it is the right file`;

/**
 * POST /api/data/upload: a CSV, as multipart form data (`file`, optional `name`) or as the raw
 * `text/csv` body with `?name=NAME`. Validated, then stored in the data folder (see storeUpload): a price
 * series as `SYMBOL.csv`, 201 `{ kind: 'series', symbol, file, layout, rows, first, last, warnings }`;
 * any other CSV under its name, 201 `{ kind: 'table', name, file, columns, rows, warnings }`.
 * A file of that name with other content is replaced and the old one kept in `<data>/.trash/`
 * (`trashed` names the entry); the same bytes are left alone, 200 `{ unchanged: true, … }`.
 * With `ifExists=ask` (query or form field; imports send it) a different file is not touched:
 * 409 `{ error, conflict }` says what differs (rows, first and last dates, first differing line)
 * and gives its `revision`; `replaces=<revision>` then replaces exactly that file.
 * 400 `{ error }` naming file:line (and column) when it does not parse or the name could leave
 * the folder; 413 over {@link UPLOAD_LIMIT_BYTES}.
 */
export const POST: RequestHandler = async ({ request, url }) => {
	if (Number(request.headers.get('content-length')) > UPLOAD_LIMIT_BYTES) return json({ error: TOO_LARGE }, { status: 413 });
	let text: string;
	let name = url.searchParams.get('name');
	const field = (key: string, form?: FormData) => {
		const value = form?.get(key);
		return typeof value === 'string' && value ? value : (url.searchParams.get(key) ?? undefined);
	};
	let policy: ExistingPolicy = policyOf(field('ifExists'), field('replaces'));
	try {
		const type = mediaType(request);
		if (type === 'multipart/form-data') {
			const form = await request.formData();
			const file = form.get('file');
			if (!(file instanceof File)) return json({ error: 'multipart upload needs a "file" field' }, { status: 400 });
			if (file.size > UPLOAD_LIMIT_BYTES) return json({ error: TOO_LARGE }, { status: 413 });
			text = await file.text();
			name = field('name', form) || file.name.replace(/\.csv$/i, '');
			policy = policyOf(field('ifExists', form), field('replaces', form));
		} else {
			// Forms can post text/plain or urlencoded bodies (and a text field is not a File, so
			// multipart needs a file the user picked): a raw body must say it is CSV.
			if (type !== 'text/csv') return json({ error: `a raw upload must be sent as text/csv, not ${type ?? 'untyped'}` }, { status: 415 });
			text = await readTextLimited(request.body, UPLOAD_LIMIT_BYTES);
		}
	} catch (e) {
		if (e instanceof BodyTooLarge) return json({ error: TOO_LARGE }, { status: 413 });
		throw e;
	}
	if (!name) return json({ error: 'name the file: POST with ?name=SYMBOL (or a table name) or a "name" form field' }, { status: 400 });
	const { dataDir } = createServerSource();
	try {
		const stored = await storeUpload(dataDir, name, text, policy);
		// `file` names the stored file inside the data folder, not where that folder is.
		return json({ ...stored, file: withoutDataDir(stored.file, dataDir) }, { status: stored.unchanged ? 200 : 201 });
	} catch (e) {
		if (e instanceof DataConflict) return json({ error: withoutDataDir(e.message, dataDir), conflict: e.conflict }, { status: 409 });
		if (e instanceof DataError) return json({ error: withoutDataDir(e.message, dataDir) }, { status: 400 });
		throw e;
	}
};

function policyOf(ifExists: string | undefined, replaces: string | undefined): ExistingPolicy {
	return { ifExists: ifExists === 'ask' ? 'ask' : 'replace', ...(replaces ? { replaces } : {}) };
}
