/** Reads the text in a picture (a screenshot of a payment, say). */
export interface TextRecognizer {
  /** The text, lines separated by newlines; rejects when the engine cannot be used. */
  recognize(image: Uint8Array): Promise<string>;
}
