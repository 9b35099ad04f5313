import type { EntryConfig } from '../../../shared/schemas';
import { fetchEntryConfig } from '../../lib/fetchEntryConfig';
import { myStorage, myTransport } from '../../lib/myPlatform';
import { entryView, type EntryView } from './entryView';
import { kfEntryDefaultProps, type KfEntryProps } from './props';

/** The floating service button; styled by the merchant's console settings, overridable by props. */
Component<EntryView, KfEntryProps, { handleTap(): void; loadStyle(): Promise<void> }, { remote?: Partial<EntryConfig> }>({
  props: kfEntryDefaultProps,
  data: entryView(kfEntryDefaultProps, undefined),
  onInit() {
    this.setData(entryView(this.props, undefined));
  },
  didMount() {
    void this.loadStyle();
  },
  didUpdate(prevProps) {
    const changed = (Object.keys(this.props) as (keyof KfEntryProps)[]).some((k) => k !== 'onTap' && prevProps[k] !== this.props[k]);
    if (!changed) return;
    if (prevProps.tenant !== this.props.tenant || prevProps.apiOrigin !== this.props.apiOrigin) void this.loadStyle();
    else this.setData(entryView(this.props, this.remote));
  },
  methods: {
    handleTap() {
      this.props.onTap?.();
    },
    /** The merchant's style (cached five minutes); the defaults stay when it cannot be had. */
    async loadStyle() {
      this.remote = await fetchEntryConfig({ apiOrigin: this.props.apiOrigin, tenant: this.props.tenant, transport: myTransport, storage: myStorage(this.props.tenant), now: Date.now() });
      this.setData(entryView(this.props, this.remote));
    },
  },
});
