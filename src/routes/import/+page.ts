// The notebook is in the URL fragment, which only the browser sees.
export const ssr = false;
