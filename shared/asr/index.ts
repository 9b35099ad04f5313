// The speech recognition port. The NLS adapter (NlsSpeechRecognizer) is an entry of its own:
// createKefu requires @alicloud/pop-core only when speech is configured.
export type { SpeechRecognizer } from './SpeechRecognizer';
