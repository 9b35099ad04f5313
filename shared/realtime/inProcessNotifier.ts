import type { Notifier, Subscription } from './Notifier';

/** Notifier for one process: a map of channel -> pending wake-ups. */
export function createInProcessNotifier(): Notifier & { subscriberCount(channel: string): number } {
  const channels = new Map<string, Set<() => void>>();

  function remove(channel: string, wake: () => void): void {
    const set = channels.get(channel);
    if (!set) return;
    set.delete(wake);
    if (set.size === 0) channels.delete(channel);
  }

  return {
    notify(channel) {
      const set = channels.get(channel);
      if (!set) return;
      channels.delete(channel);
      for (const wake of set) wake();
    },
    subscribe(channel): Subscription {
      let wake!: () => void;
      const fired = new Promise<void>((resolve) => {
        wake = resolve;
      });
      let set = channels.get(channel);
      if (!set) {
        set = new Set();
        channels.set(channel, set);
      }
      set.add(wake);
      return { fired, cancel: () => remove(channel, wake) };
    },
    subscriberCount(channel) {
      return channels.get(channel)?.size ?? 0;
    },
  };
}
