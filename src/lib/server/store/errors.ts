/** What can go wrong in the notebook store, each with the HTTP status it maps to. */

export class StoreError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** A name that is not a plain `<name>.md` file name in the notebooks folder. */
export class UnsafeNameError extends StoreError {
	constructor(name: string, reason: string) {
		super(`notebook name ${JSON.stringify(name)} is not allowed: ${reason}`, 400);
	}
}

/** A name that resolves (through a symlink) to a file outside the notebooks folder. */
export class OutsideNotebooksError extends StoreError {
	constructor(name: string) {
		super(`${name} points outside the notebooks folder; Tape does not follow it`, 403);
	}
}

export class NotFoundError extends StoreError {
	constructor(message: string) {
		super(message, 404);
	}
}

export class AlreadyExistsError extends StoreError {
	constructor(name: string, hint = 'choose another name') {
		super(`a notebook named ${name} already exists; ${hint}`, 409);
	}
}

/** A save based on a revision that is no longer current: carries what is on disk now. */
export class ConflictError extends StoreError {
	constructor(
		name: string,
		readonly text: string,
		readonly revision: string
	) {
		super(`${name} was changed since you opened it (now at revision ${revision}); reload it or keep yours as a copy`, 409);
	}
}

/** Text that does not parse as a notebook: the store never writes a file the app can't read. */
export class InvalidNotebookError extends StoreError {
	constructor(
		message: string,
		readonly line: number,
		readonly column: number
	) {
		super(message, 400);
	}
}

export class TooLargeError extends StoreError {
	constructor(what: string, limitBytes: number) {
		super(`${what} is larger than the limit of ${Math.round(limitBytes / 1024 / 1024)} MB`, 413);
	}
}

export class BadRequestError extends StoreError {
	constructor(message: string) {
		super(message, 400);
	}
}

/** A write whose body is not JSON by its Content-Type (a form, not the workspace's own fetch). */
export class UnsupportedMediaTypeError extends StoreError {
	constructor(message: string) {
		super(message, 415);
	}
}
