/**
 * The web build's yield.ts: a message to itself through a MessageChannel runs after the messages
 * already queued (the client's requests) with no timer clamp.
 */
const queue: (() => void)[] = [];
let channel: InstanceType<typeof MessageChannel> | undefined;

export function soon(fn: () => void): void {
  if (!channel) {
    channel = new MessageChannel();
    // (typed as Node's MessagePort here; in a browser assigning onmessage also starts the port)
    (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => queue.shift()?.();
  }
  queue.push(fn);
  channel.port2.postMessage(0);
}

export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => soon(resolve));
}
