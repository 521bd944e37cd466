import { createContext, useContext, useState, type FormEvent, type ReactNode } from 'react';
import {
  Button,
  Center,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../../shared/ipc/users.contract';
import { PASSWORD_MIN } from '../../../../shared/ipc/users.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../lib/api';

interface AuthContextValue {
  status: AuthStatus | undefined;
  /** Ends the session in main and shows the sign-in form again. */
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue>({
  status: undefined,
  signOut: async () => {},
});

/** Who is signed in (from `auth:status`), for menus and panels that depend on the role. */
export function useAuth(): AuthContextValue {
  return useContext(AuthContext);
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder radius="md" p="xl" w={400} maw="100%">
        <Title order={1} size="h3" mb="md">
          {title}
        </Title>
        {children}
      </Paper>
    </Center>
  );
}

function SetupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('users');
  const setup = useAction('auth:setup');
  const [v, setV] = useState({ username: '', displayName: '', password: '', repeat: '' });
  const mismatch = v.repeat !== '' && v.repeat !== v.password;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    const r = await setup.run({
      username: v.username,
      displayName: v.displayName,
      password: v.password,
    });
    if (r) onDone();
  };
  return (
    <Card title={t('gate.setupTitle')}>
      <form onSubmit={(e) => void submit(e)} data-testid="auth-setup">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('gate.setupIntro')}
          </Text>
          {setup.error ? <ErrorAlert error={setup.error} /> : null}
          <TextInput
            label={t('gate.username')}
            value={v.username}
            onChange={(e) => setV({ ...v, username: e.currentTarget.value })}
            autoComplete="username"
            required
            data-autofocus
          />
          <TextInput
            label={t('gate.displayName')}
            value={v.displayName}
            onChange={(e) => setV({ ...v, displayName: e.currentTarget.value })}
            required
          />
          <PasswordInput
            label={t('gate.password')}
            description={t('gate.passwordHint')}
            value={v.password}
            onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            required
          />
          <PasswordInput
            label={t('gate.passwordRepeat')}
            value={v.repeat}
            onChange={(e) => setV({ ...v, repeat: e.currentTarget.value })}
            autoComplete="new-password"
            error={mismatch ? t('gate.mismatch') : undefined}
            required
          />
          <Button type="submit" loading={setup.running} disabled={mismatch}>
            {t('gate.setupSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function LoginForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('users');
  const login = useAction('auth:login');
  const [v, setV] = useState({ username: '', password: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await login.run(v);
    if (r) onDone();
    else setV((x) => ({ ...x, password: '' }));
  };
  return (
    <Card title={t('gate.loginTitle')}>
      <form onSubmit={(e) => void submit(e)} data-testid="auth-login">
        <Stack gap="sm">
          {login.error ? <ErrorAlert error={login.error} /> : null}
          <TextInput
            label={t('gate.username')}
            value={v.username}
            onChange={(e) => setV({ ...v, username: e.currentTarget.value })}
            autoComplete="username"
            required
            data-autofocus
          />
          <PasswordInput
            label={t('gate.password')}
            value={v.password}
            onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
            autoComplete="current-password"
            required
          />
          <Button type="submit" loading={login.running}>
            {t('gate.loginSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/**
 * Wraps the app shell: when main requires a sign-in and nobody is signed in, shows the
 * first-admin setup form (no users yet) or the sign-in form instead of the app. While main still
 * acts as the local admin (see docs/security.md, "Sessions"), it renders the app directly.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useQuery('auth:status', {});
  const logout = useAction('auth:logout');
  const value: AuthContextValue = {
    status: status.data,
    signOut: async () => {
      await logout.run({});
      status.refetch();
    },
  };
  if (!status.data) {
    return (
      <Center mih="100dvh">
        {status.error ? (
          <ErrorAlert error={status.error} onRetry={status.refetch} />
        ) : (
          <Loader aria-label="loading" />
        )}
      </Center>
    );
  }
  const s = status.data;
  if (s.loginRequired && !s.user) {
    return s.hasUsers ? (
      <LoginForm onDone={status.refetch} />
    ) : (
      <SetupForm onDone={status.refetch} />
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
