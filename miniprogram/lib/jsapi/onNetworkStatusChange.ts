/**
 * Calls back when the device goes on or off line (mini/api/基础API/设备/网络状态/my.onNetworkStatusChange.md);
 * returns the function that stops listening, which removes exactly this listener
 * (my.offNetworkStatusChange.md), so another component's listener stays.
 */
export function onNetworkStatusChange(listener: (connected: boolean) => void): () => void {
  const cb = (res: { isConnected: boolean }) => listener(res.isConnected);
  my.onNetworkStatusChange(cb);
  return () => my.offNetworkStatusChange(cb);
}
