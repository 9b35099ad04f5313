/** OCR could not run on this picture (engine missing, picture unreadable); the upload still succeeds. */
export class OcrUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrUnavailableError';
  }
}
