/**
 * Calls back when the mini-program comes to the foreground (mini/api/基础API/应用级事件/my.onAppShow.md:
 * the same moment as app.js onShow); returns the function that stops listening, removing exactly
 * this listener (my.offAppShow.md; the page warns that an anonymous listener cannot be removed, so
 * the one registered is kept here).
 */
export function onAppShow(listener: () => void): () => void {
  const cb = () => listener();
  my.onAppShow(cb);
  return () => my.offAppShow(cb);
}
