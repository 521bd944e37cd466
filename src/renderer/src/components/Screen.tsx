import type { ReactNode } from 'react';
import { Box, Group, Stack, Text, Title } from '@mantine/core';

export interface ScreenProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons or filters shown at the right of the title. */
  actions?: ReactNode;
  /** The content fills the window height (grids); otherwise the page scrolls. */
  fill?: boolean;
  children?: ReactNode;
}

/**
 * Frame of every screen: one h1 (focusable, so the Alt+N shortcuts can move focus to it), an
 * optional subtitle and actions, then the content.
 */
export function Screen({ title, subtitle, actions, fill = false, children }: ScreenProps) {
  return (
    <Stack
      gap="md"
      h={
        fill
          ? 'calc(100dvh - var(--app-shell-header-offset, 0rem) - 2 * var(--app-shell-padding, 0rem))'
          : undefined
      }
    >
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Box>
          <Title order={1} size="h2" tabIndex={-1} data-screen-title className="screen-title">
            {title}
          </Title>
          {subtitle ? (
            <Text c="dimmed" size="sm" mt={4}>
              {subtitle}
            </Text>
          ) : null}
        </Box>
        {actions ? (
          <Group gap="sm" wrap="wrap">
            {actions}
          </Group>
        ) : null}
      </Group>
      {fill ? (
        <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
          {children}
        </Stack>
      ) : (
        children
      )}
    </Stack>
  );
}
