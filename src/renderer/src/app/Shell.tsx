import { useEffect, useMemo, useRef } from 'react';
import { AppShell, Box, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch, ThemeToggle, UserMenu } from './HeaderControls';
import { useAuth } from '../features/users/AuthGate';
import { findRoute, routesFor } from './routes';
import { hrefFor, navigate, useHashPath } from './router';

// Screen readers and keyboard users land on the new screen's heading after a shortcut.
function focusScreenTitle() {
  document.querySelector<HTMLElement>('[data-screen-title]')?.focus();
}

export function Shell() {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const [first, ...params] = useHashPath();
  const { status } = useAuth();
  const routes = useMemo(() => routesFor(status?.user?.role, status?.user != null), [status]);
  const route = findRoute(first, routes);
  const label = t(`nav.${route.id}`);
  const focusOnArrival = useRef(false);

  useHotkeys(
    routes.map((r, i) => [
      `alt+digit${i + 1}`,
      () => {
        nav.close();
        if (r.id === route.id) return focusScreenTitle();
        focusOnArrival.current = true;
        navigate(r.id);
      },
      { usePhysicalKeys: true },
    ]),
    [], // also from inside inputs: Alt+digit never types anything
  );

  useEffect(() => {
    document.title = `${label} · Jenjang`;
  }, [label]);

  useEffect(() => {
    if (!focusOnArrival.current) return;
    focusOnArrival.current = false;
    focusScreenTitle();
  }, [route.id]);

  const { Screen } = route;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
            />
            <Box>
              <Text fw={700} size="lg" lh={1.1}>
                {t('app.name')}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1} visibleFrom="xs">
                {t('app.tagline')}
              </Text>
            </Box>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <UserMenu />
            <LanguageSwitch />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {routes.map((r, i) => {
            const active = r.id === route.id;
            const NavIcon = r.icon;
            return (
              <NavLink
                key={r.id}
                component="a"
                href={hrefFor(r.id)}
                onClick={() => nav.close()}
                active={active}
                aria-current={active ? 'page' : undefined}
                data-nav={r.id}
                label={t(`nav.${r.id}`)}
                leftSection={<NavIcon />}
                rightSection={
                  <Text size="xs" c="dimmed" aria-hidden="true">
                    {t('nav.shortcut', { n: i + 1 })}
                  </Text>
                }
                aria-keyshortcuts={`Alt+${i + 1}`}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                mb={2}
              />
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Screen key={route.id} params={params} />
      </AppShell.Main>
    </AppShell>
  );
}
