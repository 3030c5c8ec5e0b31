// MapLibre style of the basemap and the layers that draw one dataset.
// The style has no glyphs or sprite because the server runs without network
// access, so text labels are drawn as HTML markers by labels.js instead.

export const BASEMAP_SOURCE = 'basemap';

const SEA = '#b7d6e6';
const LAND = '#f1eee8';
const VIET_NAM = '#fbf0cf';
const VIET_NAM_EDGE = '#c49a4a';
const WATER_LINE = '#6fa7c6';

/** Builds the basemap style from the composite vector source at /tiles/basemap.json. */
export function basemapStyle() {
  return {
    version: 8,
    sources: {
      [BASEMAP_SOURCE]: { type: 'vector', url: '/tiles/basemap.json' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': SEA } },
      basemapFill('basemap_ocean', SEA),
      basemapFill('basemap_land', LAND),
      basemapFill('basemap_minor_islands', LAND),
      // Viet Nam's outline includes Hoàng Sa and Trường Sa, so the islands get the mainland's style.
      basemapFill('basemap_vietnam', VIET_NAM),
      {
        id: 'basemap_vietnam_edge',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'basemap_vietnam',
        paint: {
          'line-color': VIET_NAM_EDGE,
          // At low zoom small islands are narrower than a pixel, and the edge keeps them visible.
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 8, 1.4],
        },
      },
      basemapFill('basemap_lakes', SEA),
      {
        id: 'basemap_rivers',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'basemap_rivers',
        paint: {
          'line-color': WATER_LINE,
          'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.5, 10, 2],
        },
      },
      {
        id: 'basemap_coastline',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'basemap_coastline',
        paint: { 'line-color': WATER_LINE, 'line-width': 0.6 },
      },
      {
        id: 'basemap_boundaries',
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': 'basemap_boundaries',
        paint: { 'line-color': '#8a7a99', 'line-width': 1.2, 'line-dasharray': [3, 2] },
      },
      // Places and archipelagos are drawn as HTML labels. These transparent layers only
      // make MapLibre keep their tiles loaded for querySourceFeatures.
      hiddenPoints('basemap_places'),
      hiddenPoints('basemap_archipelagos'),
    ],
  };
}

function basemapFill(sourceLayer, color) {
  return {
    id: sourceLayer,
    type: 'fill',
    source: BASEMAP_SOURCE,
    'source-layer': sourceLayer,
    paint: { 'fill-color': color },
  };
}

function hiddenPoints(sourceLayer) {
  return {
    id: sourceLayer,
    type: 'circle',
    source: BASEMAP_SOURCE,
    'source-layer': sourceLayer,
    paint: { 'circle-radius': 1, 'circle-opacity': 0, 'circle-stroke-opacity': 0 },
  };
}

// Dataset colours, chosen to stand apart from each other and from the basemap's
// sea blue and the golden edge of Viet Nam.
const DATASET_PALETTE = [
  '#1f5fa8', '#c2185b', '#2e7d32', '#6a1b9a', '#00838f',
  '#c62828', '#283593', '#37474f', '#e65100', '#6d4c41',
];

/**
 * Returns a distinct colour for the dataset at `index` in the list. Past the
 * palette, hues step by the golden angle (about 137.5°) so that neighbours differ.
 */
export function datasetColor(index) {
  if (index < DATASET_PALETTE.length) {
    return DATASET_PALETTE[index];
  }
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue}, 70%, 38%)`;
}

/** Drawing order of dataset layers: areas at the bottom, then lines, then points on top. */
export const LAYER_RANK = { fill: 0, line: 1, circle: 2 };

const POLYGON_TYPES = new Set(['Polygon', 'MultiPolygon']);
const LINE_TYPES = new Set(['LineString', 'MultiLineString']);
const POINT_TYPES = new Set(['Point', 'MultiPoint']);

/**
 * Builds the layers that draw one dataset, chosen by its geometryType: fill and
 * outline for polygons, a line for lines, a circle for points. An unknown or
 * mixed type gets all three, each filtered to its own geometry. All layers start hidden.
 */
export function datasetLayers(dataset, sourceId, color) {
  const type = dataset.geometryType;
  const knownType = POLYGON_TYPES.has(type) || LINE_TYPES.has(type) || POINT_TYPES.has(type);
  const base = {
    source: sourceId,
    'source-layer': dataset.id,
    layout: { visibility: 'none' },
  };
  const layers = [];

  if (POLYGON_TYPES.has(type) || !knownType) {
    layers.push({
      ...base,
      id: `dataset-${dataset.id}-fill`,
      type: 'fill',
      paint: { 'fill-color': color, 'fill-opacity': 0.22 },
    });
    layers.push({
      ...base,
      id: `dataset-${dataset.id}-outline`,
      type: 'line',
      paint: { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.7, 12, 2] },
    });
  }
  if (LINE_TYPES.has(type) || !knownType) {
    layers.push({
      ...base,
      id: `dataset-${dataset.id}-line`,
      type: 'line',
      layout: { ...base.layout, 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 1.2, 14, 4] },
    });
  }
  if (POINT_TYPES.has(type) || !knownType) {
    layers.push({
      ...base,
      id: `dataset-${dataset.id}-circle`,
      type: 'circle',
      paint: {
        'circle-color': color,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 2.5, 14, 7],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    });
  }

  if (!knownType) {
    layers[0].filter = ['==', ['geometry-type'], 'Polygon'];
    layers[1].filter = ['==', ['geometry-type'], 'Polygon'];
    layers[2].filter = ['==', ['geometry-type'], 'LineString'];
    layers[3].filter = ['==', ['geometry-type'], 'Point'];
  }
  return layers;
}
