import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Autocomplete,
  Badge,
  Box,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Tree, TreeNode } from '../../../../shared/ipc/members.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconSearch } from '../../components/icons';
import { call, toApiError, useQuery, type ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';

const ROW = 34;
const PAGE = 200;
const OVERSCAN = 8;

interface Kids {
  codes: string[];
  total: number;
  loading: boolean;
}

type VisibleRow =
  | { type: 'node'; code: string; depth: number; parent: string }
  | { type: 'more'; parent: string; depth: number; remaining: number };

/**
 * The sponsor or binary tree as a flat, virtualised list of the expanded nodes: children load
 * lazily (`genealogy:children`, 200 at a time) with their counts and this period's PV/GV, and
 * only the rows in view are rendered, whatever the size of the network. Jump: pick a member,
 * `genealogy:path` gives its ancestors, they are expanded and the member scrolled into view.
 */
export function GenealogyView({
  code,
  onOpen,
  onDetails,
}: {
  code: string | undefined;
  onOpen: (code: string) => void;
  onDetails: (code: string) => void;
}) {
  const { t } = useTranslation('members');
  const f = useFormat();
  const [tree, setTree] = useState<Tree>('sponsor');
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [shownPeriod, setShownPeriod] = useState<string | undefined>(undefined);
  const [nodes, setNodes] = useState<Map<string, TreeNode>>(() => new Map());
  const [kids, setKids] = useState<Map<string, Kids>>(() => new Map());
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const boxRef = useRef<HTMLDivElement>(null);
  const generation = useRef(0);
  const periods = useQuery('periods:list', {});

  // Fresh state when the tree or the period changes (answers of the old one are dropped).
  const reset = () => {
    generation.current++;
    setNodes(new Map());
    setKids(new Map());
    setExpanded(new Set());
  };
  const changeTree = (v: Tree) => {
    reset();
    setTree(v);
  };
  const changePeriod = (v: string | undefined) => {
    reset();
    setPeriod(v);
  };

  const load = useCallback(
    async (parent: string, offset: number): Promise<TreeNode[]> => {
      const gen = generation.current;
      await Promise.resolve(); // state changes below never run synchronously inside an effect
      setKids((m) => {
        const k = m.get(parent);
        return new Map(m).set(parent, {
          codes: k?.codes ?? [],
          total: k?.total ?? 0,
          loading: true,
        });
      });
      try {
        const page = await call('genealogy:children', {
          tree,
          code: parent || null,
          offset,
          limit: PAGE,
          ...(period ? { period } : {}),
        });
        if (gen !== generation.current) return [];
        setError(undefined);
        setShownPeriod(page.period);
        setNodes((m) => {
          const n = new Map(m);
          for (const r of page.rows) n.set(r.code, r);
          if (page.parent) n.set(page.parent.code, page.parent);
          return n;
        });
        setKids((m) => {
          const old = m.get(parent)?.codes ?? [];
          const seen = new Set(old);
          const codes = [...old, ...page.rows.map((r) => r.code).filter((c) => !seen.has(c))];
          return new Map(m).set(parent, { codes, total: page.total, loading: false });
        });
        return page.rows;
      } catch (e) {
        setError(toApiError(e));
        setKids((m) => {
          const k = m.get(parent);
          return new Map(m).set(parent, {
            codes: k?.codes ?? [],
            total: k?.total ?? 0,
            loading: false,
          });
        });
        return [];
      }
    },
    [tree, period],
  );

  // Roots first.
  useEffect(() => {
    if (!kids.has('')) void Promise.resolve('').then((root) => load(root, 0));
  }, [kids, load]);

  const toggle = useCallback(
    (c: string, open?: boolean) => {
      setExpanded((s) => {
        const want = open ?? !s.has(c);
        const n = new Set(s);
        if (want) n.add(c);
        else n.delete(c);
        return n;
      });
      if ((open ?? !expanded.has(c)) && !kids.has(c)) void load(c, 0);
    },
    [expanded, kids, load],
  );

  const rows = useMemo(() => {
    const out: VisibleRow[] = [];
    const walk = (parent: string, depth: number) => {
      const k = kids.get(parent);
      if (!k) return;
      for (const c of k.codes) {
        out.push({ type: 'node', code: c, depth, parent });
        if (expanded.has(c)) walk(c, depth + 1);
      }
      if (k.codes.length < k.total) {
        out.push({ type: 'more', parent, depth, remaining: k.total - k.codes.length });
      }
    };
    walk('', 0);
    return out;
  }, [kids, expanded]);

  // Jump to a member: expand its ancestors (pinning it if beyond a loaded page), select it.
  const jump = useCallback(
    async (target: string) => {
      try {
        const r = await call('genealogy:path', {
          tree,
          code: target,
          ...(period ? { period } : {}),
        });
        const path = r.path;
        setNodes((m) => {
          const n = new Map(m);
          for (const p of path) n.set(p.code, p);
          return n;
        });
        let parent = '';
        for (const p of path) {
          const list = (await load(parent, 0)).map((x) => x.code);
          if (!list.includes(p.code)) {
            setKids((m) => {
              const k = m.get(parent)!;
              return k.codes.includes(p.code)
                ? m
                : new Map(m).set(parent, { ...k, codes: [...k.codes, p.code] });
            });
          }
          parent = p.code;
        }
        setExpanded((s) => {
          const n = new Set(s);
          for (const p of path.slice(0, -1)) n.add(p.code);
          return n;
        });
        setSelected(target);
      } catch (e) {
        setError(toApiError(e));
      }
    },
    [tree, period, load],
  );

  useEffect(() => {
    if (code) void Promise.resolve(code).then(jump);
  }, [code, jump]);

  // Keep the selected row in view.
  const selectedIndex = rows.findIndex((r) => r.type === 'node' && r.code === selected);
  useEffect(() => {
    const box = boxRef.current;
    if (!box || selectedIndex < 0) return;
    const top = selectedIndex * ROW;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + ROW > box.scrollTop + box.clientHeight)
      box.scrollTop = top + ROW - box.clientHeight;
  }, [selectedIndex]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const ro = new ResizeObserver(() => setHeight(box.clientHeight));
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = selectedIndex;
    const row = rows[i];
    const select = (j: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (r?.type === 'node') setSelected(r.code);
    };
    if (e.key === 'ArrowDown') select(i < 0 ? 0 : i + 1);
    else if (e.key === 'ArrowUp') select(i - 1);
    else if (e.key === 'Home') select(0);
    else if (e.key === 'End') select(rows.length - 1);
    else if (row?.type === 'node' && e.key === 'ArrowRight') {
      if (!expanded.has(row.code) && (nodes.get(row.code)?.childCount ?? 0) > 0)
        toggle(row.code, true);
      else select(i + 1);
    } else if (row?.type === 'node' && e.key === 'ArrowLeft') {
      if (expanded.has(row.code)) toggle(row.code, false);
      else if (row.parent) setSelected(row.parent);
    } else if (row?.type === 'node' && e.key === 'Enter') onDetails(row.code);
    else return;
    e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const roots = kids.get('');

  return (
    <>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <SegmentedControl
            value={tree}
            onChange={(v) => changeTree(v as Tree)}
            data={[
              { value: 'sponsor', label: t('tree.sponsor') },
              { value: 'placement', label: t('tree.placement') },
            ]}
            data-testid="tree-kind"
          />
          <Select
            aria-label={t('tree.period')}
            w={240}
            value={period ?? shownPeriod ?? null}
            onChange={(v) => changePeriod(v ?? undefined)}
            allowDeselect={false}
            data={[
              ...new Set([
                ...(shownPeriod ? [shownPeriod] : []),
                ...(periods.data?.map((p) => p.period) ?? []),
              ]),
            ]
              .sort()
              .reverse()
              .map((p) => ({ value: p, label: `${t('tree.period')} ${f.period(p, 'short')}` }))}
            data-testid="tree-period"
          />
        </Group>
        <JumpBox onPick={(c) => (c === code ? void jump(c) : onOpen(c))} />
      </Group>
      {error ? <ErrorAlert error={error} /> : null}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="tree-roots">
          {roots ? t('tree.roots', { count: roots.total }) : t('tree.loading')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('tree.legend')}
        </Text>
      </Group>
      <Paper
        withBorder
        radius="md"
        style={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column' }}
      >
        <Group
          gap={0}
          px="sm"
          py={6}
          wrap="nowrap"
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          <Text size="xs" fw={600} c="dimmed" style={{ flex: 1 }}>
            {t('columns.name')}
          </Text>
          {(['children', 'downline', 'pv', tree === 'placement' ? 'legs' : 'gv'] as const).map(
            (k) => (
              <Text key={k} size="xs" fw={600} c="dimmed" w={k === 'legs' ? 160 : 96} ta="right">
                {t(`tree.${k}`)}
              </Text>
            ),
          )}
        </Group>
        <Box
          ref={boxRef}
          role="tree"
          aria-label={t('tree.title')}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          style={{ flex: 1, overflowY: 'auto', position: 'relative', outline: 'none' }}
          data-testid="tree"
        >
          {roots && roots.total === 0 ? (
            <Text c="dimmed" p="md">
              {t('tree.empty')}
            </Text>
          ) : null}
          <div style={{ height: rows.length * ROW, position: 'relative' }}>
            {rows.slice(first, last).map((r, k) => {
              const index = first + k;
              const style = {
                position: 'absolute' as const,
                top: index * ROW,
                left: 0,
                right: 0,
                height: ROW,
              };
              if (r.type === 'more') {
                return (
                  <Box key={`more:${r.parent}`} style={style} pl={12 + r.depth * 20 + 28}>
                    <Text
                      size="sm"
                      c="blue"
                      style={{ cursor: 'pointer', lineHeight: `${ROW}px` }}
                      onClick={() => void load(r.parent, kids.get(r.parent)?.codes.length ?? 0)}
                      data-testid="tree-more"
                    >
                      {kids.get(r.parent)?.loading
                        ? t('tree.loading')
                        : t('tree.more', { count: r.remaining })}
                    </Text>
                  </Box>
                );
              }
              const n = nodes.get(r.code);
              if (!n) return null;
              return (
                <NodeRow
                  key={r.code}
                  node={n}
                  depth={r.depth}
                  style={style}
                  open={expanded.has(r.code)}
                  loading={kids.get(r.code)?.loading ?? false}
                  selected={selected === r.code}
                  onToggle={() => toggle(r.code)}
                  onSelect={() => setSelected(r.code)}
                  onDetails={() => onDetails(r.code)}
                />
              );
            })}
          </div>
        </Box>
      </Paper>
    </>
  );
}

function NodeRow({
  node,
  depth,
  style,
  open,
  loading,
  selected,
  onToggle,
  onSelect,
  onDetails,
}: {
  node: TreeNode;
  depth: number;
  style: React.CSSProperties;
  open: boolean;
  loading: boolean;
  selected: boolean;
  onToggle: () => void;
  onSelect: () => void;
  onDetails: () => void;
}) {
  const { t } = useTranslation('members');
  const f = useFormat();
  return (
    <Group
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={node.childCount > 0 ? open : undefined}
      aria-selected={selected}
      gap={6}
      wrap="nowrap"
      px="sm"
      style={{
        ...style,
        cursor: 'default',
        background: selected ? 'var(--mantine-primary-color-light)' : undefined,
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
      onClick={onSelect}
      onDoubleClick={onDetails}
      data-testid={`tree-node-${node.code}`}
    >
      <Box style={{ width: depth * 20, flexShrink: 0 }} />
      {node.childCount > 0 ? (
        <ActionIcon
          size="sm"
          variant="subtle"
          aria-label={open ? t('tree.collapse') : t('tree.expand')}
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
          loading={loading}
          data-testid={`tree-toggle-${node.code}`}
        >
          {open ? '▾' : '▸'}
        </ActionIcon>
      ) : (
        <Box w={22} style={{ flexShrink: 0 }} />
      )}
      {node.leg ? (
        <Badge size="xs" variant="outline" color="gray">
          {node.leg}
        </Badge>
      ) : null}
      <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
        {node.code}
      </Text>
      <Text size="sm" truncate style={{ flex: 1, minWidth: 0 }}>
        {node.name}
      </Text>
      {node.kind === 'customer' ? (
        <Badge size="xs" variant="light" color="grape">
          {t('kind.customer')}
        </Badge>
      ) : null}
      {node.status !== 'active' ? (
        <Badge size="xs" variant="light" color="yellow">
          {t(`status.${node.status}`)}
        </Badge>
      ) : null}
      {node.hold ? (
        <Badge size="xs" variant="outline" color="red">
          {t('hold')}
        </Badge>
      ) : null}
      {[node.childCount, node.downlineSize, node.pv].map((v, i) => (
        <Text key={i} size="sm" w={96} ta="right" style={{ flexShrink: 0 }} ff="monospace">
          {f.number(v)}
        </Text>
      ))}
      {node.leftPv !== null && node.rightPv !== null ? (
        <Text size="sm" w={160} ta="right" style={{ flexShrink: 0 }} ff="monospace">
          {f.number(node.leftPv)} / {f.number(node.rightPv)}
        </Text>
      ) : (
        <Text size="sm" w={96} ta="right" style={{ flexShrink: 0 }} ff="monospace">
          {f.number(node.gv)}
        </Text>
      )}
    </Group>
  );
}

function JumpBox({ onPick }: { onPick: (code: string) => void }) {
  const { t } = useTranslation('members');
  const [value, setValue] = useState('');
  const [search] = useDebouncedValue(value.trim(), 200);
  const q = useQuery('members:list', { search, limit: 10 }, { enabled: search.length > 0 });
  const options = search && q.data ? q.data.rows.map((m) => `${m.code} — ${m.name}`) : [];
  return (
    <Autocomplete
      aria-label={t('tree.jump')}
      placeholder={t('tree.jumpPlaceholder')}
      leftSection={<IconSearch size={16} />}
      w={320}
      value={value}
      onChange={setValue}
      data={options}
      filter={({ options: o }) => o}
      onOptionSubmit={(v) => {
        const code = v.split(' — ')[0]!;
        setValue('');
        onPick(code);
      }}
      data-testid="tree-jump"
    />
  );
}
