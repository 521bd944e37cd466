import {
  createContext,
  useContext,
  useState,
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
} from 'react';
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
import { useAction, useQuery, type ApiError } from '../../lib/api';

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

/** The sign-in page frame: a centred card with the form, main's error and the submit button. */
function AuthForm({
  title,
  testId,
  onSubmit,
  error,
  intro,
  submitLabel,
  running,
  disabled,
  children,
}: {
  title: string;
  testId: string;
  onSubmit: () => Promise<void>;
  error: ApiError | undefined;
  intro?: ReactNode;
  submitLabel: string;
  running: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder radius="md" p="xl" w={400} maw="100%">
        <Title order={1} size="h3" mb="md">
          {title}
        </Title>
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void onSubmit();
          }}
          data-testid={testId}
        >
          <Stack gap="sm">
            {intro}
            {error ? <ErrorAlert error={error} /> : null}
            {children}
            <Button type="submit" loading={running} disabled={disabled}>
              {submitLabel}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

interface Bound {
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}

/** Form state of text fields; `bind(key)` gives a field its value and onChange. */
function useFields<V extends Record<string, string>>(initial: V) {
  const [v, setV] = useState(initial);
  const bind = (key: keyof V): Bound => ({
    value: v[key] ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setV((x) => ({ ...x, [key]: value }));
    },
  });
  return { v, setV, bind };
}

function UsernameInput(props: Bound) {
  const { t } = useTranslation('users');
  return (
    <TextInput
      label={t('gate.username')}
      {...props}
      autoComplete="username"
      required
      data-autofocus
    />
  );
}

function SetupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('users');
  const setup = useAction('auth:setup');
  const { v, bind } = useFields({ username: '', displayName: '', password: '', repeat: '' });
  const mismatch = v.repeat !== '' && v.repeat !== v.password;
  const submit = async () => {
    if (mismatch) return;
    const r = await setup.run({
      username: v.username,
      displayName: v.displayName,
      password: v.password,
    });
    if (r) onDone();
  };
  return (
    <AuthForm
      title={t('gate.setupTitle')}
      testId="auth-setup"
      onSubmit={submit}
      error={setup.error}
      intro={
        <Text size="sm" c="dimmed">
          {t('gate.setupIntro')}
        </Text>
      }
      submitLabel={t('gate.setupSubmit')}
      running={setup.running}
      disabled={mismatch}
    >
      <UsernameInput {...bind('username')} />
      <TextInput label={t('gate.displayName')} {...bind('displayName')} required />
      <PasswordInput
        label={t('gate.password')}
        description={t('gate.passwordHint')}
        {...bind('password')}
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        required
      />
      <PasswordInput
        label={t('gate.passwordRepeat')}
        {...bind('repeat')}
        autoComplete="new-password"
        error={mismatch ? t('gate.mismatch') : undefined}
        required
      />
    </AuthForm>
  );
}

function LoginForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('users');
  const login = useAction('auth:login');
  const { v, setV, bind } = useFields({ username: '', password: '' });
  const submit = async () => {
    const r = await login.run(v);
    if (r) onDone();
    else setV((x) => ({ ...x, password: '' }));
  };
  return (
    <AuthForm
      title={t('gate.loginTitle')}
      testId="auth-login"
      onSubmit={submit}
      error={login.error}
      submitLabel={t('gate.loginSubmit')}
      running={login.running}
    >
      <UsernameInput {...bind('username')} />
      <PasswordInput
        label={t('gate.password')}
        {...bind('password')}
        autoComplete="current-password"
        required
      />
    </AuthForm>
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
