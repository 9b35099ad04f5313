import { readFileSync } from 'node:fs';
import path from 'node:path';
import { axmlToWxml } from './axmlToWxml';
import type { ComponentInstance } from './componentHarness';

/** The part of miniprogram-simulate we use. Its own typings bring WeChat's globals (a `require` that
 * clashes with Node's), so it is loaded untyped and described here. */
interface RenderedNode {
  dispatchEvent(type: string, detail?: Record<string, unknown>): void;
  querySelector(selector: string): RenderedNode | undefined;
  querySelectorAll(selector: string): RenderedNode[];
  readonly dom?: { innerHTML: string; textContent: string | null };
}
interface Rendered extends RenderedNode {
  attach(parent: unknown): void;
  setData(data: Record<string, unknown>): void;
}
interface Simulate {
  load(o: { template: string; data: Record<string, unknown>; methods: Record<string, (e: unknown) => void> }): string;
  render(id: string): Rendered;
  sleep(ms: number): Promise<void>;
}
const simulate = jest.requireActual<Simulate>('miniprogram-simulate');
const dom = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document;

/**
 * Renders a component's AXML (converted to WXML) with miniprogram-simulate, wired to a harness
 * instance: the rendered data is the instance's data, and an event on the rendered tree calls the
 * instance's real method with the event object, then re-renders with the new data.
 */
export function renderComponent(dir: string, instance: ComponentInstance) {
  const template = axmlToWxml(readFileSync(path.join(dir, 'index.axml'), 'utf8'));
  const methods: Record<string, (e: unknown) => void> = {};
  for (const name of Object.keys(instance.instance).filter((k) => typeof instance.instance[k] === 'function' && k !== 'setData')) {
    methods[name] = function (this: { setData(d: Record<string, unknown>): void }, e: unknown) {
      void instance.call(name, e);
      this.setData(instance.data);
    };
  }
  const id = simulate.load({ template, data: { ...instance.data }, methods });
  const comp = simulate.render(id);
  comp.attach(dom.createElement('parent-wrapper'));
  return {
    comp,
    /** Re-renders with the instance's current data (after async work finished). */
    refresh: () => comp.setData({ ...instance.data }),
    html: () => comp.dom?.innerHTML ?? '',
    /** Fires an event on the first node matching the selector and lets handlers run. */
    async fire(selector: string, type = 'tap', detail: Record<string, unknown> = {}) {
      const node = comp.querySelector(selector);
      if (!node) throw new Error(`nothing rendered matches ${selector}`);
      node.dispatchEvent(type, detail);
      await simulate.sleep(5);
    },
  };
}
