import { App } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';

let host: MessageInstance | undefined;

/**
 * The console's notices (已保存, errors), through antd's App context so they follow the theme and
 * locale: the static `message` functions cannot, and antd logs a console error each time one is used.
 */
export const toast = {
  success: (text: string) => host?.success(text),
  error: (text: string) => host?.error(text),
  info: (text: string) => host?.info(text),
};

/** Mounted once inside antd's <App>: gives `toast` the context's message instance. */
export function ToastHost(): null {
  host = App.useApp().message;
  return null;
}
