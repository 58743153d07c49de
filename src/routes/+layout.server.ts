import type { LayoutServerLoad } from './$types';

/** Who is signed in (null when sign-in is off): the workspace hides edit controls from viewers. */
export const load: LayoutServerLoad = ({ locals }) => ({ user: locals.user ?? null });
