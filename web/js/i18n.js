// UI strings of the viewer and the language the user chose.
// Vietnamese is the default, and the choice persists in localStorage.
// A `?lang=` parameter in the page URL overrides the stored choice.

export const DEFAULT_LANGUAGE = 'vi';
const STORAGE_KEY = 'bando.language';

export const STRINGS = {
  vi: {
    locale: 'vi-VN',
    pageTitle: 'bando – Bản đồ dữ liệu mở',
    appSubtitle: 'Bản đồ dữ liệu mở',
    // The switch button names the language it switches to.
    languageSwitch: 'English',
    languageSwitchTarget: 'en',
    datasetsHeading: 'Bộ dữ liệu',
    loadingDatasets: 'Đang tải danh sách bộ dữ liệu…',
    noDatasets: 'Chưa có bộ dữ liệu nào được công bố.',
    datasetsFailed: 'Không tải được danh sách bộ dữ liệu. Hãy tải lại trang.',
    publisher: 'Đơn vị công bố',
    featureCount: 'đối tượng',
    zoomTo: 'Phóng tới',
    zoomToTitle: 'Phóng bản đồ tới phạm vi của bộ dữ liệu',
    zoomInToSee: 'Phóng to bản đồ để xem bộ dữ liệu này.',
    map: 'Bản đồ',
  },
  en: {
    locale: 'en-GB',
    pageTitle: 'bando – Open data map',
    appSubtitle: 'Open data map',
    languageSwitch: 'Tiếng Việt',
    languageSwitchTarget: 'vi',
    datasetsHeading: 'Datasets',
    loadingDatasets: 'Loading the dataset list…',
    noDatasets: 'No datasets have been published yet.',
    datasetsFailed: 'Failed to load the dataset list. Reload the page to try again.',
    publisher: 'Publisher',
    featureCount: 'features',
    zoomTo: 'Zoom to',
    zoomToTitle: 'Zoom the map to the extent of the dataset',
    zoomInToSee: 'Zoom in to see this dataset.',
    map: 'Map',
  },
};

function isLanguage(value) {
  return typeof value === 'string' && Object.hasOwn(STRINGS, value);
}

/**
 * Returns the language from the page's `?lang=` parameter (vi or en), else the
 * stored language, else the default.
 */
export function loadLanguage() {
  const requested = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(requested)) {
    return requested;
  }
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) {
      return stored;
    }
  } catch {
    // Storage can be disabled by the browser, and the default language still works then.
  }
  return DEFAULT_LANGUAGE;
}

/** Stores the language so the next visit opens in it. */
export function saveLanguage(language) {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
}

/** Formats a count with the digit grouping of the language (1.234 in Vietnamese, 1,234 in English). */
export function formatCount(count, language) {
  return new Intl.NumberFormat(STRINGS[language].locale).format(count);
}
