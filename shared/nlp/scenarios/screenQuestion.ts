import { normalize } from '../normalize';
import { classifierOf } from './classifyScenario';
import type { Scenario } from './Scenario';

/**
 * The question a screenshot asks when it shows an error screen (支付失败 ... 余额不足): the screen's
 * line that carries the error words, with the scenario's name, so the intents, scenarios and FAQ
 * read it as if the user had typed it. Undefined for a picture without such words (a receipt).
 */
export function screenQuestion(ocrText: string, taxonomy?: readonly Scenario[]): string | undefined {
  const text = normalize(ocrText.slice(0, 2000)).text;
  const classifier = classifierOf(taxonomy);
  const scenario = classifier.screenScenario(text);
  if (!scenario) return undefined;
  const phrase = scenario.screenTexts!.find((p) => text.includes(p))!;
  const line = text.split('\n').find((l) => l.includes(phrase))!.trim().replace(/\s+/g, ' ');
  return `${scenario.name}: ${line}`.slice(0, 200);
}
