/**
 * Forms in the frame never submit natively: the sandbox has no `allow-forms` (and the CSP says
 * `form-action 'none'`), so Chromium drops the submission and logs "Blocked form submission"
 * before any `submit` listener hears of it. Enter in a text or number field and clicks on submit
 * buttons are turned into a plain `submit` event instead, which is what Observable Inputs listen
 * for (`Inputs.text({ submit: true })` commits its value on it; the others cancel it).
 */
export function keepFormsFromSubmitting(doc: Document = document) {
	const submitInstead = (event: Event, form: HTMLFormElement | null, submitter: HTMLElement | null) => {
		if (!form) return;
		event.preventDefault();
		form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter }));
	};
	doc.addEventListener(
		'keydown',
		(event) => {
			const target = event.target;
			if (event.key !== 'Enter' || event.isComposing || !(target instanceof HTMLInputElement)) return;
			submitInstead(event, target.form, null);
		},
		true
	);
	doc.addEventListener(
		'click',
		(event) => {
			const button = (event.target as Element | null)?.closest?.('button, input[type=submit], input[type=image]');
			if (!(button instanceof HTMLButtonElement || button instanceof HTMLInputElement) || button.type !== 'submit' || button.disabled) return;
			submitInstead(event, button.form, button);
		},
		true
	);
}
