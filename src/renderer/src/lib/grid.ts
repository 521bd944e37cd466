import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import type { ColDef } from 'ag-grid-community';

// v33+: features are modules; the community bundle is small enough to register whole, once.
ModuleRegistry.registerModules([AllCommunityModule]);

const FONT = 'inherit';

/**
 * One grid theme for the app (Theming API, no CSS files). It carries a light and a dark mode;
 * the shell sets `data-ag-theme-mode` on <html> from Mantine's colour scheme (see App.tsx), so
 * grids follow the light/dark switch without being re-created.
 */
export const gridTheme = themeQuartz
  .withParams({
    fontFamily: FONT,
    headerFontFamily: FONT,
    cellFontFamily: FONT,
    fontSize: 14,
    headerFontSize: 13,
    spacing: 6,
    wrapperBorderRadius: 8,
    accentColor: '#4c6ef5',
  })
  .withParams(
    {
      backgroundColor: '#ffffff',
      foregroundColor: '#1a1b1e',
      headerBackgroundColor: '#f8f9fa',
      browserColorScheme: 'light',
    },
    'light',
  )
  .withParams(
    {
      backgroundColor: '#242424',
      foregroundColor: '#c9c9c9',
      headerBackgroundColor: '#2e2e2e',
      oddRowBackgroundColor: '#272727',
      browserColorScheme: 'dark',
    },
    'dark',
  );

/** AG Grid's own texts in the current language. Grids read it once: remount on language change. */
export function useGridLocaleText(): Record<string, string> {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      loadingOoo: t('grid.loading'),
      noRowsToShow: t('grid.noRows'),
      loadingError: t('grid.error'),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t changes with the language
    [t, i18n.resolvedLanguage],
  );
}

/**
 * Columns are read-only and sorted by the server; no client filters or header menus. A plain
 * object (not `ColDef<any>`), so it fits `defaultColDef` of a grid of any row type and can be
 * spread into typed column definitions.
 */
export const defaultColDef = {
  resizable: true,
  sortable: false,
  filter: false,
  suppressHeaderMenuButton: true,
  suppressMovable: true,
} as const satisfies ColDef;
