import { useEffect } from 'react';
import {
  createTheme,
  localStorageColorSchemeManager,
  MantineProvider,
  useComputedColorScheme,
} from '@mantine/core';
import { Shell } from './app/Shell';
import { AuthGate } from './features/users/AuthGate';

const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 6 },
  defaultRadius: 'md',
  cursorType: 'pointer',
});

export const COLOR_SCHEME_STORAGE_KEY = 'jenjang.color-scheme';
const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY });

/** AG Grid's theme has a light and a dark mode; follow Mantine's computed colour scheme. */
function GridThemeModeSync() {
  const scheme = useComputedColorScheme('light');
  useEffect(() => {
    document.documentElement.setAttribute('data-ag-theme-mode', scheme);
  }, [scheme]);
  return null;
}

export function App() {
  return (
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="light"
    >
      <GridThemeModeSync />
      <AuthGate>
        <Shell />
      </AuthGate>
    </MantineProvider>
  );
}
