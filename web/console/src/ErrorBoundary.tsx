import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { TextsContext, type Texts } from './i18n';

interface Props {
  /** Which panel this is (a class on the fallback, for tests and styling). */
  readonly panel: string;
  /** A new value (another conversation) clears a failure. */
  readonly resetKey?: unknown;
  readonly children: ReactNode;
}

/**
 * One panel's failure stays in that panel: a bad record or a chart bug shows 这部分出错了 with a
 * retry there, and the transcript, the composer and the other panels keep working.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean; key: unknown }> {
  static override contextType = TextsContext;
  declare context: Texts;
  override state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): Partial<{ failed: boolean }> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: { failed: boolean; key: unknown }) {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const t = this.context;
    return (
      <Result
        className={`panel-failed panel-failed-${this.props.panel}`}
        status="warning"
        title={t.panelFailed}
        extra={<Button className="panel-retry" onClick={() => this.setState({ failed: false })}>{t.retry}</Button>}
      />
    );
  }
}
