/**
 * A function that runs `run` unless a run is already in flight, whose promise callers then share.
 * Written without Promise.prototype.finally (ES2018): the mini-program build targets ES2017, and
 * its output must run on what that target names.
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  return () => {
    if (!current) {
      const settled = () => {
        current = undefined;
      };
      current = run().then(
        (value) => {
          settled();
          return value;
        },
        (err: unknown) => {
          settled();
          throw err;
        },
      );
    }
    return current;
  };
}
