import {
  ActionIcon,
  Button,
  Group,
  Text,
  SegmentedControl,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconMoon, IconSun } from '../components/icons';
import { currentLanguage } from '../i18n';
import { useAuth } from '../features/users/AuthGate';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={currentLanguage(i18n.resolvedLanguage)}
      onChange={(lng) => void i18n.changeLanguage(lng)}
      data={[
        { value: 'id', label: <span title={t('language.id')}>ID</span> },
        { value: 'en', label: <span title={t('language.en')}>EN</span> },
      ]}
    />
  );
}

export function ThemeToggle() {
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const label = computed === 'dark' ? t('theme.toLight') : t('theme.toDark');
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={label}
        data-testid="theme-toggle"
        onClick={() => setColorScheme(computed === 'dark' ? 'light' : 'dark')}
      >
        {computed === 'dark' ? <IconSun /> : <IconMoon />}
      </ActionIcon>
    </Tooltip>
  );
}

/** The signed-in user and a sign-out button (only when sign-in is required). */
export function UserMenu() {
  const { t } = useTranslation('users');
  const { status, signOut } = useAuth();
  if (!status?.loginRequired || !status.user) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" data-testid="current-user">
        {status.user.displayName} · {status.user.role}
      </Text>
      <Button size="xs" variant="default" data-testid="sign-out" onClick={() => void signOut()}>
        {t('gate.signOut')}
      </Button>
    </Group>
  );
}
