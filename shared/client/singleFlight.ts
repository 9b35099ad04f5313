/**
 * `promise`, with `done` run once it settles either way. Written without Promise.prototype.finally
 * (ES2018): the mini-program's code keeps to ES2017 built-ins (miniprogram/tsconfig.json), since
 * Alipay adds no polyfills unless the host asks.
 */
function settling<T>(promise: Promise<T>, done: () => void): Promise<T> {
  return promise.then(
    (value) => {
      done();
      return value;
    },
    (err: unknown) => {
      done();
      throw err;
    },
  );
}

/** A function that runs `run` unless a run is already in flight, whose promise callers then share. */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  return () => (current ??= settling(run(), () => (current = undefined)));
}

/** As {@link singleFlight}, one flight per key: a call with a key already in flight shares its promise. */
export function singleFlightByKey<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const flights = new Map<string, Promise<T>>();
  return (key, run) => {
    const inFlight = flights.get(key);
    if (inFlight) return inFlight;
    const flight = settling(run(), () => flights.delete(key));
    flights.set(key, flight);
    return flight;
  };
}
