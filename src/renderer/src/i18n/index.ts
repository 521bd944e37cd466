import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonMessages } from './common';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language, type Messages } from './define';
import { dashboardMessages } from '../features/dashboard/messages';
import { membersMessages } from '../features/members/messages';
import { productsMessages } from '../features/products/messages';
import { ordersMessages } from '../features/orders/messages';
import { payoutsMessages } from '../features/payouts/messages';
import { reportsMessages } from '../features/reports/messages';
import { settingsMessages } from '../features/settings/messages';
import { usersMessages } from '../features/users/messages';
import { auditMessages } from '../features/audit/messages';
import { closeMessages } from '../features/close/messages';
import { planMessages } from '../features/plan/messages';
import { whatifMessages } from '../features/whatif/messages';

/**
 * One i18next namespace per feature: `useTranslation('members')` → `t('columns.code')`.
 * A new feature adds its `features/<x>/messages.ts` and ONE line here.
 */
const NAMESPACES: Record<string, { en: Messages; id: Messages }> = {
  common: commonMessages,
  dashboard: dashboardMessages,
  members: membersMessages,
  products: productsMessages,
  orders: ordersMessages,
  payouts: payoutsMessages,
  reports: reportsMessages,
  settings: settingsMessages,
  users: usersMessages,
  audit: auditMessages,
  close: closeMessages,
  plan: planMessages,
  whatif: whatifMessages,
};

export const LANGUAGE_STORAGE_KEY = 'jenjang.language';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(v) ? v : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

const resources = Object.fromEntries(
  LANGUAGES.map((lng) => [
    lng,
    Object.fromEntries(Object.entries(NAMESPACES).map(([ns, m]) => [ns, m[lng]])),
  ]),
);

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: Object.keys(NAMESPACES),
  defaultNS: 'common',
  // Resources are bundled: initialise synchronously so the first render is translated.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // storage unavailable (private mode): the choice lasts for this session only
  }
});

/** The active language, narrowed to the ones we ship. */
export function currentLanguage(lng: string | undefined = i18n.resolvedLanguage): Language {
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

export { i18n };
