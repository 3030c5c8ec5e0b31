// The map on the server-rendered OGC API pages (a page of features or one
// feature). It draws the page's GeoJSON, read from the URL in the container's
// data-geojson attribute, over the bando basemap and zooms to it.

import { basemapStyle } from './style.js';

const { maplibregl } = window;

const SOURCE = 'features';
const COLOR = '#c0392b';
const FIT_PADDING_PX = 30;
const MAX_FIT_ZOOM = 14;

/** Extends `bounds` ([minLon, minLat, maxLon, maxLat]) by every position in nested coordinate arrays. */
function extendBounds(bounds, coordinates) {
  if (typeof coordinates[0] === 'number') {
    bounds[0] = Math.min(bounds[0], coordinates[0]);
    bounds[1] = Math.min(bounds[1], coordinates[1]);
    bounds[2] = Math.max(bounds[2], coordinates[0]);
    bounds[3] = Math.max(bounds[3], coordinates[1]);
    return;
  }
  for (const child of coordinates) extendBounds(bounds, child);
}

/** Returns the bounds of a Feature or FeatureCollection, or null when it has no coordinates. */
function geojsonBounds(geojson) {
  const bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const features = geojson.type === 'FeatureCollection' ? geojson.features : [geojson];
  const addGeometry = (geometry) => {
    if (!geometry) return;
    if (geometry.type === 'GeometryCollection') {
      geometry.geometries.forEach(addGeometry);
    } else {
      extendBounds(bounds, geometry.coordinates);
    }
  };
  for (const feature of features) addGeometry(feature.geometry);
  return bounds[0] === Infinity ? null : bounds;
}

// The legacy `$type` filter matches multi-geometries too, so MultiPolygon features get a fill.
function addFeatureLayers(map) {
  map.addLayer({
    id: 'features-fill',
    type: 'fill',
    source: SOURCE,
    filter: ['==', '$type', 'Polygon'],
    paint: { 'fill-color': COLOR, 'fill-opacity': 0.2 },
  });
  map.addLayer({
    id: 'features-line',
    type: 'line',
    source: SOURCE,
    filter: ['!=', '$type', 'Point'],
    paint: { 'line-color': COLOR, 'line-width': 2 },
  });
  map.addLayer({
    id: 'features-point',
    type: 'circle',
    source: SOURCE,
    filter: ['==', '$type', 'Point'],
    paint: { 'circle-color': COLOR, 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
  });
}

async function showFeatureMap(container) {
  const response = await fetch(container.dataset.geojson, { headers: { Accept: 'application/geo+json' } });
  if (!response.ok) throw new Error(`GET ${container.dataset.geojson} returned HTTP ${response.status}`);
  const geojson = await response.json();
  const map = new maplibregl.Map({ container, style: basemapStyle(), center: [106, 16], zoom: 4 });
  map.on('load', () => {
    map.addSource(SOURCE, { type: 'geojson', data: geojson });
    addFeatureLayers(map);
    const bounds = geojsonBounds(geojson);
    if (bounds) map.fitBounds(bounds, { padding: FIT_PADDING_PX, maxZoom: MAX_FIT_ZOOM, animate: false });
    container.dataset.loaded = 'true';
  });
}

const container = document.getElementById('feature-map');
if (container) {
  showFeatureMap(container).catch((error) => {
    container.dataset.error = error.message;
    console.error(error);
  });
}
