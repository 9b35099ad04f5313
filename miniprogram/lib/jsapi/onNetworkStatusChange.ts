/** Calls back when the device goes on or off line; returns the function that stops listening. */
export function onNetworkStatusChange(listener: (connected: boolean) => void): () => void {
  const cb = (res: { isConnected: boolean }) => listener(res.isConnected);
  my.onNetworkStatusChange(cb);
  return () => my.offNetworkStatusChange(cb);
}
