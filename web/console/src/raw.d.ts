/** Vite's `?raw` imports: the file's text (the kf-entry stylesheet for the entry preview). */
declare module '*?raw' {
  const text: string;
  export default text;
}
