/** Colours and sizes shared by every research chart, so figures in a notebook look like one family. */
export interface ChartTheme {
	background: string;
	foreground: string;
	muted: string;
	grid: boolean;
	up: string;
	down: string;
	accent: string;
	band: string;
	palette: string[];
}

export const lightTheme: ChartTheme = {
	background: '#ffffff',
	foreground: '#1f2328',
	muted: '#8c959f',
	grid: true,
	up: '#1a7f37',
	down: '#cf222e',
	accent: '#0969da',
	band: '#0969da',
	palette: ['#0969da', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#4d2d00', '#1b7c83']
};

export const darkTheme: ChartTheme = {
	background: '#0d1117',
	foreground: '#e6edf3',
	muted: '#6e7681',
	grid: true,
	up: '#3fb950',
	down: '#f85149',
	accent: '#58a6ff',
	band: '#58a6ff',
	palette: ['#58a6ff', '#ffa657', '#3fb950', '#d2a8ff', '#ff7b72', '#e3b341', '#39c5cf']
};

/** Options every chart takes. */
export interface ChartOptions {
	/** the DOM document to render into (pass jsdom's under Node); default the global one */
	document?: Document;
	/** default: the reader's colour scheme (light where it cannot be told) */
	theme?: 'light' | 'dark' | ChartTheme;
	width?: number;
	height?: number;
	title?: string;
}

/** Whether the page is shown in a dark colour scheme; false where nobody can tell (the CLI under Node). */
export const prefersDark = (): boolean => globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

/** The theme object for an option value; without one, the reader's colour scheme (a white card on a dark page is a glare). */
export function resolveTheme(theme: ChartOptions['theme'], dark: () => boolean = prefersDark): ChartTheme {
	if (theme === undefined) return dark() ? darkTheme : lightTheme;
	if (theme === 'dark') return darkTheme;
	if (theme === 'light') return lightTheme;
	return theme;
}

/** Plot options common to every chart: size, colours, grid and the target document. */
export function basePlotOptions(options: ChartOptions, theme: ChartTheme) {
	return {
		document: options.document,
		width: options.width ?? 720,
		height: options.height ?? 360,
		title: options.title,
		grid: theme.grid,
		style: { background: theme.background, color: theme.foreground, fontSize: '11px', overflow: 'visible' }
	};
}
