// The mini-program's JS runtime has the timer functions, but its typings (@mini-types) do not
// declare them and the DOM library would bring in a document that does not exist here.
declare function setTimeout(callback: () => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(callback: () => void, ms?: number): number;
declare function clearInterval(id: number | undefined): void;
