// Reading text from screenshots (tesseract in a child process).
export { Semaphore } from './Semaphore';
export { TesseractTextRecognizer } from './TesseractTextRecognizer';
export type { TextRecognizer } from './TextRecognizer';
export { screenshotText } from './screenshotText';
