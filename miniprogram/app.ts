/** The demo host app: nothing global; the service components live on the page that shows them. */
App({});
