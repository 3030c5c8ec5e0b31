// Place and archipelago names drawn as HTML markers over the map. MapLibre's
// symbol layers need a glyph server, which a closed network does not have,
// while HTML text uses the browser's own fonts.

import { BASEMAP_SOURCE } from './style.js';

const { maplibregl } = window;

const ARCHIPELAGO_LAYER = 'basemap_archipelagos';
const PLACE_LAYER = 'basemap_places';
// Fonts of .map-label and .map-label-archipelago in viewer.css, used to measure label widths.
const LABEL_FONTS = {
  place: '12px system-ui, sans-serif',
  archipelago: 'italic 600 12px system-ui, sans-serif',
};
const LABEL_HEIGHT_PX = 16;
const LABEL_MARGIN_PX = 4;
const PLACE_DOT_WIDTH_PX = 10;

/**
 * Returns the highest Natural Earth SCALERANK shown at a zoom level, so that
 * only the largest cities are labelled when the whole country is in view.
 */
function maxScaleRank(zoom) {
  if (zoom < 5) return 2;
  if (zoom < 6) return 4;
  if (zoom < 7) return 6;
  if (zoom < 8) return 8;
  return 10;
}

export class LabelOverlay {
  constructor(map, language) {
    this.map = map;
    this.language = language;
    this.markers = new Map();
    this.measureContext = document.createElement('canvas').getContext('2d');
    map.on('idle', () => this.update());
  }

  setLanguage(language) {
    this.language = language;
    this.update();
  }

  /** Places labels for the loaded basemap tiles, archipelagos first, and skips places that would overlap. */
  update() {
    if (!this.map.getSource(BASEMAP_SOURCE)) {
      return;
    }
    const candidates = [...this.archipelagoLabels(), ...this.placeLabels()];
    const canvas = this.map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const placedBoxes = [];
    const shownKeys = new Set();

    for (const label of candidates) {
      const point = this.map.project(label.lngLat);
      if (point.x < 0 || point.y < 0 || point.x > width || point.y > height) {
        continue;
      }
      const box = this.labelBox(label, point);
      // Archipelago labels skip the overlap test, so they show whenever their point is in view.
      if (!label.always && placedBoxes.some((other) => overlaps(box, other))) {
        continue;
      }
      placedBoxes.push(box);
      shownKeys.add(label.key);
      this.showMarker(label);
    }

    for (const [key, marker] of this.markers) {
      if (!shownKeys.has(key)) {
        marker.remove();
        this.markers.delete(key);
      }
    }
  }

  archipelagoLabels() {
    const nameProperty = this.language === 'vi' ? 'name_vi' : 'name_en';
    return uniqueFeatures(this.map, ARCHIPELAGO_LAYER, (properties) => properties.name_vi)
      .map((feature) => ({
        key: `archipelago:${feature.properties.name_vi}`,
        text: feature.properties[nameProperty] ?? feature.properties.name_vi,
        lngLat: feature.geometry.coordinates,
        kind: 'archipelago',
        always: true,
      }));
  }

  placeLabels() {
    const maxRank = maxScaleRank(this.map.getZoom());
    return uniqueFeatures(this.map, PLACE_LAYER, (properties) => properties.NAME)
      .filter((feature) => Number(feature.properties.SCALERANK) <= maxRank)
      .sort((a, b) => (a.properties.SCALERANK - b.properties.SCALERANK)
        || (b.properties.POP_MAX - a.properties.POP_MAX))
      .map((feature) => ({
        key: `place:${feature.properties.NAME}`,
        text: feature.properties.NAME,
        lngLat: feature.geometry.coordinates,
        kind: 'place',
        always: false,
      }));
  }

  /** Returns the screen box of a label: centred on its point, or starting at the point for places. */
  labelBox(label, point) {
    this.measureContext.font = LABEL_FONTS[label.kind];
    const textWidth = this.measureContext.measureText(label.text).width;
    if (label.kind === 'archipelago') {
      return {
        left: point.x - textWidth / 2 - LABEL_MARGIN_PX,
        right: point.x + textWidth / 2 + LABEL_MARGIN_PX,
        top: point.y - LABEL_HEIGHT_PX / 2 - LABEL_MARGIN_PX,
        bottom: point.y + LABEL_HEIGHT_PX / 2 + LABEL_MARGIN_PX,
      };
    }
    return {
      left: point.x - LABEL_MARGIN_PX,
      right: point.x + PLACE_DOT_WIDTH_PX + textWidth + LABEL_MARGIN_PX,
      top: point.y - LABEL_HEIGHT_PX / 2 - LABEL_MARGIN_PX,
      bottom: point.y + LABEL_HEIGHT_PX / 2 + LABEL_MARGIN_PX,
    };
  }

  showMarker(label) {
    const existing = this.markers.get(label.key);
    if (existing) {
      existing.getElement().querySelector('.map-label-text').textContent = label.text;
      return;
    }
    const element = document.createElement('div');
    element.className = `map-label map-label-${label.kind}`;
    if (label.kind === 'place') {
      const dot = document.createElement('span');
      dot.className = 'map-label-dot';
      element.append(dot);
    }
    const text = document.createElement('span');
    text.className = 'map-label-text';
    text.textContent = label.text;
    element.append(text);

    const anchor = label.kind === 'place' ? 'left' : 'center';
    // The dot is 6 px wide with its centre 3 px from the left edge, so a -3 px offset puts it on the point.
    const offset = label.kind === 'place' ? [-3, 0] : [0, 0];
    const marker = new maplibregl.Marker({ element, anchor, offset })
      .setLngLat(label.lngLat)
      .addTo(this.map);
    this.markers.set(label.key, marker);
  }
}

/** Returns the point features of one basemap layer in the loaded tiles, one per key, since a point repeats in neighbouring tiles' buffers. */
function uniqueFeatures(map, sourceLayer, keyOf) {
  const byKey = new Map();
  for (const feature of map.querySourceFeatures(BASEMAP_SOURCE, { sourceLayer })) {
    const key = keyOf(feature.properties);
    if (key && feature.geometry.type === 'Point' && !byKey.has(key)) {
      byKey.set(key, feature);
    }
  }
  return [...byKey.values()];
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
