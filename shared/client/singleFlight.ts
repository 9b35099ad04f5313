/**
 * A function that runs `run` unless a run is already in flight, whose promise callers then share.
 * Written without Promise.prototype.finally (ES2018): the mini-program's code keeps to ES2017
 * built-ins (miniprogram/tsconfig.json), since Alipay adds no polyfills unless the host asks.
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
