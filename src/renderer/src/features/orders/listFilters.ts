import { useState } from 'react';
import { useFormat } from '../../lib/format';
import { useDebouncedText } from '../../lib/grid';
import { usePeriodOptions } from './periods';

/** Same shape as the contract's zMemberCode (kept here so the bundle needs no zod). */
export const MEMBER_CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The filters the orders and returns lists share: the period (options from main), the member
 * code and the free-text search, both debounced.
 */
export function useListFilters(closedLabel: string) {
  const f = useFormat();
  const periods = usePeriodOptions(f, closedLabel);
  const [period, setPeriod] = useState<string | null>(null);
  const memberText = useDebouncedText();
  const searchText = useDebouncedText();
  return {
    f,
    periods,
    period,
    setPeriod,
    memberText,
    searchText,
    member: memberText.value,
    search: searchText.value,
  };
}

/** The search of a list request; a search longer than main accepts is not sent. */
export function searchPart(search: string): { search?: string } {
  return search && search.length <= 100 ? { search } : {};
}

/** Period and member of a list filter; half-typed codes that cannot match are not sent. */
export function periodMemberPart(
  period: string | null,
  member: string,
): { period?: string; member?: string } {
  return {
    ...(period ? { period } : {}),
    ...(MEMBER_CODE_RE.test(member) ? { member } : {}),
  };
}
