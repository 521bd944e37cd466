import { useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/roles';
import { PASSWORD_MIN, type UserRow } from '../../../../shared/ipc/users.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../lib/api';

function useRoleOptions() {
  const { t } = useTranslation('users');
  return ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

function AddUserModal({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation('users');
  const create = useAction('users:create');
  const roles = useRoleOptions();
  const empty = { username: '', displayName: '', role: 'staff' as Role, password: '' };
  const [v, setV] = useState(empty);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create.run({
      username: v.username,
      displayName: v.displayName,
      role: v.role,
      password: v.password === '' ? undefined : v.password,
    });
    if (r) {
      setV(empty);
      onClose(true);
    }
  };
  return (
    <Modal opened={opened} onClose={() => onClose(false)} title={t('panel.add')}>
      <form onSubmit={(e) => void submit(e)} data-testid="users-add">
        <Stack gap="sm">
          {create.error ? <ErrorAlert error={create.error} /> : null}
          <TextInput
            label={t('panel.username')}
            value={v.username}
            onChange={(e) => setV({ ...v, username: e.currentTarget.value })}
            required
            data-autofocus
          />
          <TextInput
            label={t('panel.displayName')}
            value={v.displayName}
            onChange={(e) => setV({ ...v, displayName: e.currentTarget.value })}
            required
          />
          <Select
            label={t('panel.role')}
            data={roles}
            value={v.role}
            onChange={(r) => r && setV({ ...v, role: r as Role })}
            allowDeselect={false}
          />
          <PasswordInput
            label={t('panel.password')}
            description={t('panel.passwordOptional')}
            value={v.password}
            onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose(false)}>
              {t('panel.cancel')}
            </Button>
            <Button type="submit" loading={create.running}>
              {t('panel.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PasswordModal({ user, onClose }: { user: UserRow | undefined; onClose: () => void }) {
  const { t } = useTranslation('users');
  const setPassword = useAction('users:setPassword');
  const [password, setPw] = useState('');
  const done = (ok: unknown) => {
    if (ok) {
      setPw('');
      onClose();
    }
  };
  return (
    <Modal
      opened={user !== undefined}
      onClose={onClose}
      title={`${t('panel.setPassword')}: ${user?.username ?? ''}`}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (user) void setPassword.run({ username: user.username, password }).then(done);
        }}
      >
        <Stack gap="sm">
          {setPassword.error ? <ErrorAlert error={setPassword.error} /> : null}
          <PasswordInput
            label={t('panel.newPassword')}
            value={password}
            onChange={(e) => setPw(e.currentTarget.value)}
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            required
            data-autofocus
          />
          <Group justify="space-between">
            <Button
              variant="subtle"
              color="red"
              disabled={!user?.hasPassword}
              onClick={() =>
                user && void setPassword.run({ username: user.username, password: null }).then(done)
              }
            >
              {t('panel.removePassword')}
            </Button>
            <Button type="submit" loading={setPassword.running}>
              {t('panel.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Users and their roles (admin only: the Settings screen shows it when `can(role, 'users:list')`). */
export function UsersPanel() {
  const { t } = useTranslation('users');
  const users = useQuery('users:list', {});
  const update = useAction('users:update');
  const roles = useRoleOptions();
  const [adding, setAdding] = useState(false);
  const [pwUser, setPwUser] = useState<UserRow | undefined>();

  const change = async (username: string, patch: { role?: Role; active?: boolean }) => {
    if (await update.run({ username, ...patch })) users.refetch();
  };

  return (
    <Stack gap="sm" data-testid="users-panel">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('panel.lastAdmin')}
        </Text>
        <Button size="xs" onClick={() => setAdding(true)}>
          {t('panel.add')}
        </Button>
      </Group>
      {users.error ? <ErrorAlert error={users.error} onRetry={users.refetch} /> : null}
      {update.error ? <ErrorAlert error={update.error} /> : null}
      {users.data ? (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('panel.username')}</Table.Th>
                <Table.Th>{t('panel.displayName')}</Table.Th>
                <Table.Th>{t('panel.role')}</Table.Th>
                <Table.Th>{t('panel.active')}</Table.Th>
                <Table.Th>{t('panel.password')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={`${t('panel.role')} ${u.username}`}
                      data={roles}
                      value={u.role}
                      allowDeselect={false}
                      onChange={(r) =>
                        r && r !== u.role && void change(u.username, { role: r as Role })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`${t('panel.active')} ${u.username}`}
                      checked={u.active}
                      onChange={(e) => void change(u.username, { active: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light" color={u.hasPassword ? 'green' : 'gray'}>
                        {u.hasPassword ? t('panel.hasPassword') : t('panel.cliOnly')}
                      </Badge>
                      <Button size="compact-xs" variant="subtle" onClick={() => setPwUser(u)}>
                        {t('panel.setPassword')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : users.error ? null : (
        <Skeleton h={120} />
      )}
      <AddUserModal
        opened={adding}
        onClose={(changed) => {
          setAdding(false);
          if (changed) users.refetch();
        }}
      />
      <PasswordModal
        user={pwUser}
        onClose={() => {
          setPwUser(undefined);
          users.refetch();
        }}
      />
    </Stack>
  );
}
