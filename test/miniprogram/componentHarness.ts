/// <reference types="@mini-types/my" />
import path from 'node:path';

/** What a component file hands to `Component()`, as the harness captured it. */
export interface CapturedComponent {
  readonly props: Record<string, unknown>;
  readonly data: Record<string, unknown>;
  readonly onInit?: () => void;
  readonly deriveDataFromProps?: (nextProps: Record<string, unknown>) => void;
  readonly didMount?: () => void;
  readonly didUpdate?: (prevProps: Record<string, unknown>, prevData: Record<string, unknown>) => void;
  readonly didUnmount?: () => void;
  readonly methods: Record<string, (...args: unknown[]) => unknown>;
}

/** The `my` global of the tests: only the APIs a test provides; any other call fails, naming it. */
/** A fake of each `my.*` API a test provides, its parameters typed by @mini-types/my (what it returns is not used, but the recorder). */
export type FakeMy = { [K in keyof typeof my]?: (typeof my)[K] extends (...args: infer A) => infer R ? (...args: A) => R extends Promise<unknown> ? unknown : R : (typeof my)[K] };

export function installMy(apis: FakeMy): void {
  (globalThis as Record<string, unknown>)['my'] = new Proxy(apis, {
    get(target, name) {
      // Jest and node inspect globals through symbols (util.inspect, Symbol.toStringTag).
      if (typeof name === 'symbol') return Reflect.get(target, name) as unknown;
      const api = (target as Record<string, unknown>)[name];
      if (api === undefined) throw new Error(`my.${name} is not provided by this test`);
      return api;
    },
  });
}

/** Loads a component's index.ts with a `Component()` that captures its options (a fresh module each time). */
export function loadComponent(dir: string): CapturedComponent {
  let captured: CapturedComponent | undefined;
  const g = globalThis as Record<string, unknown>;
  g['Component'] = (options: CapturedComponent) => {
    captured = options;
  };
  jest.isolateModules(() => {
    jest.requireActual(path.join(dir, 'index.ts'));
  });
  delete g['Component'];
  if (!captured) throw new Error(`${dir}/index.ts did not call Component()`);
  return captured;
}

/** Data and prop values as the framework copies them: plain JSON, so no shared references. */
const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * One mounted instance, driven the way component2 drives it: onInit, deriveDataFromProps, didMount
 * on mount; deriveDataFromProps then didUpdate on new props; didUnmount on removal. `setData` takes
 * top-level keys only (what our components use); anything else is a bug the harness reports.
 */
export class ComponentInstance {
  readonly instance: Record<string, unknown> & { data: Record<string, unknown>; props: Record<string, unknown> };
  /** Every setData patch, in order. */
  readonly patches: Record<string, unknown>[] = [];

  constructor(
    private readonly def: CapturedComponent,
    props: Record<string, unknown> = {},
  ) {
    const inst: Record<string, unknown> & { data: Record<string, unknown>; props: Record<string, unknown> } = {
      data: copy(def.data),
      props: { ...def.props, ...props },
      setData: (patch: Record<string, unknown>, callback?: () => void) => {
        for (const key of Object.keys(patch)) if (/[.[]/.test(key)) throw new Error(`setData path keys are not used by our components: ${key}`);
        this.patches.push(copy(patch));
        inst.data = { ...inst.data, ...copy(patch) };
        callback?.();
      },
    };
    for (const [name, fn] of Object.entries(def.methods)) inst[name] = fn;
    this.instance = inst;
  }

  get data(): Record<string, unknown> {
    return this.instance.data;
  }

  mount(): this {
    this.def.onInit?.call(this.instance);
    this.def.deriveDataFromProps?.call(this.instance, this.instance.props);
    this.def.didMount?.call(this.instance);
    return this;
  }

  update(props: Record<string, unknown>): this {
    const prevProps = this.instance.props;
    const prevData = this.instance.data;
    const next = { ...prevProps, ...props };
    this.def.deriveDataFromProps?.call(this.instance, next);
    this.instance.props = next;
    this.def.didUpdate?.call(this.instance, prevProps, prevData);
    return this;
  }

  unmount(): void {
    this.def.didUnmount?.call(this.instance);
  }

  /** Calls a method the way the framework calls an event handler. */
  call(method: string, ...args: unknown[]): unknown {
    const fn = this.def.methods[method];
    if (!fn) throw new Error(`no method ${method}`);
    return fn.apply(this.instance, args);
  }
}

/** An Alipay event object as handlers receive it: dataset on target and currentTarget, detail. */
export function tapEvent(dataset: Record<string, unknown> = {}, detail: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'tap', target: { dataset }, currentTarget: { dataset }, detail, timeStamp: Date.now() };
}

export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
