// Entry point of the viewer: builds the map, the dataset panel and the
// language switch, and exposes window.bandoViewer = { map, ready } for tests.

import { STRINGS, loadLanguage, saveLanguage } from './i18n.js';
import { basemapStyle } from './style.js';
import {
  addDatasetLayers,
  fetchDatasets,
  renderDatasetList,
  setDatasetVisible,
  updateZoomHints,
  visibleDatasetLayerIds,
} from './datasets.js';
import { LabelOverlay } from './labels.js';
import { showFeaturePopup } from './popup.js';

const { maplibregl } = window;

// All of Viet Nam including Hoàng Sa and Trường Sa, as [[west, south], [east, north]].
const VIET_NAM_BOUNDS = [[102, 7], [118, 24]];
const MAP_MARGIN_PX = 16;

const elements = {
  map: document.getElementById('map'),
  panel: document.querySelector('.panel'),
  languageSwitch: document.getElementById('language-switch'),
  status: document.getElementById('datasets-status'),
  list: document.getElementById('dataset-list'),
};

let language = loadLanguage();
let datasets = [];
let datasetsState = 'loading';
const visibleDatasets = new Set();
const isVisible = (dataset) => visibleDatasets.has(dataset.id);

/** Returns map padding that keeps the fitted view clear of the panel, which sits left on wide screens and below on narrow ones. */
function mapPadding() {
  const panel = elements.panel.getBoundingClientRect();
  const padding = { top: MAP_MARGIN_PX, right: MAP_MARGIN_PX, bottom: MAP_MARGIN_PX, left: MAP_MARGIN_PX };
  if (panel.width < window.innerWidth / 2) {
    padding.left += panel.right;
  } else if (panel.height < window.innerHeight / 2) {
    padding.bottom += window.innerHeight - panel.top;
  }
  return padding;
}

const map = new maplibregl.Map({
  container: elements.map,
  style: basemapStyle(),
  bounds: VIET_NAM_BOUNDS,
  fitBoundsOptions: { padding: mapPadding() },
  attributionControl: { compact: false },
  dragRotate: false,
  pitchWithRotate: false,
});
map.touchZoomRotate.disableRotation();
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

const labels = new LabelOverlay(map, language);

/** Renders every language-dependent part of the page and the dataset list from the current state. */
function render() {
  const strings = STRINGS[language];
  document.documentElement.lang = language;
  document.title = strings.pageTitle;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = strings[element.dataset.i18n];
  }
  elements.languageSwitch.textContent = strings.languageSwitch;
  elements.languageSwitch.lang = strings.languageSwitchTarget;
  elements.map.setAttribute('aria-label', strings.map);

  const statusText = {
    loading: strings.loadingDatasets,
    failed: strings.datasetsFailed,
    ready: datasets.length === 0 ? strings.noDatasets : '',
  }[datasetsState];
  elements.status.textContent = statusText;
  elements.status.hidden = statusText === '';

  renderDatasetList(elements.list, datasets, language, {
    isVisible,
    onToggle: (dataset, visible) => {
      if (visible) {
        visibleDatasets.add(dataset.id);
      } else {
        visibleDatasets.delete(dataset.id);
      }
      setDatasetVisible(map, dataset, visible);
      updateZoomHints(map, elements.list, datasets, isVisible);
    },
    onZoom: (dataset, bounds) => map.fitBounds(bounds, { padding: mapPadding(), maxZoom: 14 }),
  });
  updateZoomHints(map, elements.list, datasets, isVisible);
}

elements.languageSwitch.addEventListener('click', () => {
  language = STRINGS[language].languageSwitchTarget;
  saveLanguage(language);
  // Keep a `?lang=` parameter in step, so that a reload opens in the chosen language.
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', language);
    window.history.replaceState(null, '', url);
  }
  render();
  labels.setLanguage(language);
});

map.on('click', (event) => {
  const layers = visibleDatasetLayerIds(map, datasets);
  if (layers.length === 0) {
    return;
  }
  const [feature] = map.queryRenderedFeatures(event.point, { layers });
  if (feature) {
    const dataset = datasets.find((candidate) => candidate.layerIds.includes(feature.layer.id));
    showFeaturePopup(map, event.lngLat, dataset, feature);
  }
});

map.on('mousemove', (event) => {
  const layers = visibleDatasetLayerIds(map, datasets);
  const hit = layers.length > 0 && map.queryRenderedFeatures(event.point, { layers }).length > 0;
  map.getCanvas().style.cursor = hit ? 'pointer' : '';
});

map.on('zoomend', () => updateZoomHints(map, elements.list, datasets, isVisible));
// A dataset's minzoom is known only after its TileJSON arrives, which can be after the checkbox is ticked.
map.on('sourcedata', (event) => {
  if (event.sourceDataType === 'metadata') {
    updateZoomHints(map, elements.list, datasets, isVisible);
  }
});

render();

const styleLoaded = new Promise((resolve) => map.once('load', resolve));

const ready = Promise.all([fetchDatasets(), styleLoaded]).then(
  ([loaded]) => {
    datasets = loaded;
    datasetsState = 'ready';
    addDatasetLayers(map, datasets);
    render();
    document.body.dataset.state = 'ready';
  },
  (error) => {
    datasetsState = 'failed';
    render();
    document.body.dataset.state = 'error';
    console.error('bando viewer failed to start:', error);
    throw error;
  },
);
// The failure is logged above, and this handler keeps it from also being reported as an unhandled rejection.
ready.catch(() => {});

window.bandoViewer = { map, ready };
