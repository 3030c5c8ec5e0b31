// Published datasets: loading them from /collections, adding their map
// layers and listing them in the side panel.

import { LAYER_RANK, datasetColor, datasetLayers } from './style.js';
import { STRINGS, formatCount } from './i18n.js';

/** Fetches /collections and returns the collections that are datasets (not base layers), in server order. */
export async function fetchDatasets() {
  const response = await fetch('/collections', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`GET /collections failed with HTTP ${response.status}`);
  }
  const body = await response.json();
  if (!Array.isArray(body.collections)) {
    throw new Error('GET /collections returned no "collections" array');
  }
  return body.collections
    .filter((collection) => typeof collection.id === 'string' && collection.basemap !== true)
    .filter((collection) => (collection.itemType ?? 'feature') === 'feature')
    .map((collection, index) => ({ ...collection, color: datasetColor(index) }));
}

function sourceId(dataset) {
  return `dataset-${dataset.id}`;
}

/**
 * Adds a vector source and hidden layers for each dataset. MapLibre reads the
 * tile URLs and attribution from /tiles/{id}.json, and the attribution control
 * lists a source only while one of its layers is visible.
 */
export function addDatasetLayers(map, datasets) {
  const layers = [];
  for (const dataset of datasets) {
    map.addSource(sourceId(dataset), {
      type: 'vector',
      url: `/tiles/${encodeURIComponent(dataset.id)}.json`,
    });
    dataset.layerIds = [];
    for (const layer of datasetLayers(dataset, sourceId(dataset), dataset.color)) {
      dataset.layerIds.push(layer.id);
      layers.push(layer);
    }
  }
  // Array.prototype.sort is stable, so datasets keep their list order within a rank.
  layers.sort((a, b) => LAYER_RANK[a.type] - LAYER_RANK[b.type]);
  for (const layer of layers) {
    map.addLayer(layer);
  }
}

export function setDatasetVisible(map, dataset, visible) {
  for (const layerId of dataset.layerIds) {
    map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
  }
}

/** Returns the ids of the layers of every dataset that is switched on. */
export function visibleDatasetLayerIds(map, datasets) {
  return datasets
    .flatMap((dataset) => dataset.layerIds)
    .filter((layerId) => map.getLayoutProperty(layerId, 'visibility') === 'visible');
}

/** Returns the dataset's extent as [[west, south], [east, north]], or null when it has none. */
export function datasetBounds(dataset) {
  const bbox = dataset.extent?.spatial?.bbox?.[0];
  if (!Array.isArray(bbox) || bbox.length < 4 || !bbox.every(Number.isFinite)) {
    return null;
  }
  // A 3D bbox is [minLon, minLat, minZ, maxLon, maxLat, maxZ].
  const [west, south, east, north] = bbox.length === 6 ? [bbox[0], bbox[1], bbox[3], bbox[4]] : bbox;
  return [[west, south], [east, north]];
}

/**
 * Renders the dataset list: a checkbox, title, publisher and feature count for
 * each, plus a button that zooms to its extent. `isVisible(dataset)` gives the
 * checkbox state, and the callbacks run when the user acts.
 */
export function renderDatasetList(list, datasets, language, { isVisible, onToggle, onZoom }) {
  const strings = STRINGS[language];
  list.replaceChildren();

  for (const dataset of datasets) {
    const item = document.createElement('li');
    item.className = 'dataset';
    item.dataset.id = dataset.id;

    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    checkbox.id = `dataset-toggle-${dataset.id}`;
    checkbox.checked = isVisible(dataset);
    checkbox.addEventListener('change', () => onToggle(dataset, checkbox.checked));

    const swatch = document.createElement('span');
    swatch.className = `dataset-swatch dataset-swatch-${swatchShape(dataset.geometryType)}`;
    swatch.style.setProperty('--dataset-color', dataset.color);
    swatch.setAttribute('aria-hidden', 'true');

    const title = document.createElement('label');
    title.className = 'dataset-title';
    title.htmlFor = checkbox.id;
    title.textContent = dataset.title || dataset.id;

    const details = document.createElement('p');
    details.className = 'dataset-details';
    const parts = [];
    if (dataset.publisher) {
      parts.push(`${strings.publisher}: ${dataset.publisher}`);
    }
    if (Number.isFinite(dataset.featureCount)) {
      parts.push(`${formatCount(dataset.featureCount, language)} ${strings.featureCount}`);
    }
    details.textContent = parts.join(' · ');

    item.append(checkbox, swatch, title);

    const bounds = datasetBounds(dataset);
    if (bounds) {
      const zoom = document.createElement('button');
      zoom.type = 'button';
      zoom.className = 'dataset-zoom';
      zoom.textContent = strings.zoomTo;
      zoom.title = strings.zoomToTitle;
      zoom.addEventListener('click', () => onZoom(dataset, bounds));
      item.append(zoom);
    }

    const hint = document.createElement('p');
    hint.className = 'dataset-hint';
    hint.textContent = strings.zoomInToSee;
    hint.hidden = true;
    item.append(details, hint);
    list.append(item);
  }
}

/**
 * Shows the "zoom in" hint on each switched-on dataset whose tiles start at a
 * higher zoom than the map's, because such a dataset draws nothing yet.
 */
export function updateZoomHints(map, list, datasets, isVisible) {
  const zoom = map.getZoom();
  for (const dataset of datasets) {
    const hint = list.querySelector(`li[data-id="${CSS.escape(dataset.id)}"] .dataset-hint`);
    // MapLibre sets the source's minzoom when it has loaded the dataset's TileJSON, so 0 is used until then.
    const minZoom = map.getSource(sourceId(dataset))?.minzoom ?? 0;
    if (hint) {
      hint.hidden = !(isVisible(dataset) && zoom < minZoom);
    }
  }
}

function swatchShape(geometryType) {
  if (geometryType === 'Point' || geometryType === 'MultiPoint') return 'point';
  if (geometryType === 'LineString' || geometryType === 'MultiLineString') return 'line';
  return 'area';
}
