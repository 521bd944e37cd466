export const ROLES = ['admin', 'accountant', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Shorthands for channel role lists (who may call a channel). */
export const ANY_ROLE: readonly Role[] = ROLES;
export const WRITERS: readonly Role[] = ['admin', 'accountant', 'staff'];
export const FINANCE: readonly Role[] = ['admin', 'accountant'];
export const ADMIN: readonly Role[] = ['admin'];
