/**
 * Ends the current task so the browser can deliver what the frame posted to the workspace:
 * messages leave a frame only between tasks. A MessageChannel round trip, not setTimeout, which
 * browsers clamp to 4 ms when nested.
 */
export function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(undefined);
	});
}
