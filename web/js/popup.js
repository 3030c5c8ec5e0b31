// Popup listing the properties of a clicked dataset feature.

const { maplibregl } = window;

const MAX_PROPERTIES = 12;

/** Opens a popup at `lngLat` with the dataset title and the first properties of `feature`. */
export function showFeaturePopup(map, lngLat, dataset, feature) {
  const content = document.createElement('div');
  content.className = 'feature-popup';

  const heading = document.createElement('p');
  heading.className = 'feature-popup-title';
  heading.textContent = dataset?.title || dataset?.id || feature.sourceLayer;
  content.append(heading);

  const table = document.createElement('dl');
  const entries = Object.entries(feature.properties).slice(0, MAX_PROPERTIES);
  for (const [name, value] of entries) {
    const term = document.createElement('dt');
    term.textContent = name;
    const description = document.createElement('dd');
    description.textContent = String(value);
    table.append(term, description);
  }
  content.append(table);

  new maplibregl.Popup({ maxWidth: '320px' })
    .setLngLat(lngLat)
    .setDOMContent(content)
    .addTo(map);
}
