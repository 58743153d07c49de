// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** Who is signed in, when sign-in is on (src/lib/server/auth/gate.js); null otherwise. */
			user: { name: string; role: 'owner' | 'editor' | 'viewer' } | null;
		}
	}
}
export {};
