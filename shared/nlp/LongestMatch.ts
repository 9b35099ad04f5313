/** A node of the trie: its children by UTF-16 unit, and the value of the word ending here. */
interface Node<T> {
  readonly next: Map<number, Node<T>>;
  value?: T;
}

/**
 * Words in a trie by UTF-16 unit: from each place of a text one walk finds the longest word
 * starting there, as an alternation of the words (longest first) would, in a walk as long as that
 * word rather than a try of every alternative. Used where a lexicon runs on every message
 * (transaction context, FAQ concepts).
 */
export class LongestMatch<T> {
  private readonly root: Node<T> = { next: new Map() };

  constructor(words: Iterable<readonly [word: string, value: T]>) {
    for (const [word, value] of words) {
      let node = this.root;
      for (let i = 0; i < word.length; i++) {
        const unit = word.charCodeAt(i);
        let child = node.next.get(unit);
        if (!child) node.next.set(unit, (child = { next: new Map() }));
        node = child;
      }
      node.value = value;
    }
  }

  /**
   * The words of a text left to right, each the longest at its place that `fits` allows (a word
   * of letters inside a longer run of them, say), none overlapping the one before.
   */
  *in(text: string, fits: (text: string, start: number, end: number) => boolean = () => true): Generator<[start: number, end: number, value: T]> {
    for (let i = 0; i < text.length; ) {
      let node: Node<T> | undefined = this.root;
      let found: T | undefined;
      let end = i;
      for (let j = i; j < text.length; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.value !== undefined && fits(text, i, j + 1)) {
          found = node.value;
          end = j + 1;
        }
      }
      if (found === undefined) {
        i++;
        continue;
      }
      yield [i, end, found];
      i = end;
    }
  }
}
