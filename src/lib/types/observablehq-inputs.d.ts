/** Types for @observablehq/inputs (it ships none): the controls cells build with `Inputs`. */
declare module '@observablehq/inputs' {
	/** An input element: read `value`, listen for `input` events; `view(input)` binds it to a name. */
	export interface InputElement<T> extends HTMLElement {
		value: T;
	}
	interface Common {
		label?: string | Node;
		disabled?: boolean;
		width?: number | string;
	}
	export function range(extent?: [number, number], options?: Common & { value?: number; step?: number; format?: (x: number) => string; placeholder?: string; transform?: (x: number) => number }): InputElement<number>;
	export function number(extent?: [number, number], options?: Common & { value?: number; step?: number; placeholder?: string }): InputElement<number>;
	export function select<T>(data: Iterable<T>, options?: Common & { value?: T; multiple?: false; format?: (x: T) => string; sort?: boolean | string; unique?: boolean }): InputElement<T>;
	export function radio<T>(data: Iterable<T>, options?: Common & { value?: T; format?: (x: T) => string }): InputElement<T>;
	export function checkbox<T>(data: Iterable<T>, options?: Common & { value?: T[]; format?: (x: T) => string }): InputElement<T[]>;
	export function toggle(options?: Common & { value?: boolean; values?: [unknown, unknown] }): InputElement<boolean>;
	export function text(options?: Common & { value?: string; placeholder?: string; pattern?: string; submit?: boolean | string }): InputElement<string>;
	export function textarea(options?: Common & { value?: string; placeholder?: string; rows?: number }): InputElement<string>;
	export function date(options?: Common & { value?: Date | string; min?: Date | string; max?: Date | string }): InputElement<Date | null>;
	export function datetime(options?: Common & { value?: Date | string; min?: Date | string; max?: Date | string }): InputElement<Date | null>;
	export function button<T = number>(content?: string | [string, (value: T) => T][], options?: Common & { value?: T; reduce?: (value: T) => T }): InputElement<T>;
	export function search<T>(data: Iterable<T>, options?: Common & { query?: string; placeholder?: string }): InputElement<T[]>;
	export function table<T>(data: Iterable<T>, options?: Common & { columns?: string[]; rows?: number; value?: T[]; multiple?: boolean; sort?: string; reverse?: boolean }): InputElement<T[]>;
	export function form<T extends Record<string, InputElement<unknown>>>(inputs: T, options?: Common): InputElement<{ [K in keyof T]: T[K]['value'] }>;
	export function input<T>(value: T): EventTarget & { value: T };
	export function bind<T>(target: InputElement<T>, source: InputElement<T>): InputElement<T>;
}
