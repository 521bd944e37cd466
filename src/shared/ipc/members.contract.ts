import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE } from '../roles';
import { zDate, zMemberCode, zPageRequest } from './common';

export const zMemberKind = z.enum(['distributor', 'customer']);
export const zMemberStatus = z.enum(['active', 'suspended', 'terminated']);

export const zMemberRow = z.object({
  id: z.number().int(),
  code: zMemberCode,
  name: z.string(),
  kind: zMemberKind,
  status: zMemberStatus,
  sponsorCode: z.string().nullable(),
  placementCode: z.string().nullable(),
  leg: z.enum(['L', 'R']).nullable(),
  joinDate: zDate,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  nik: z.string().nullable(),
  npwp: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  bankHolder: z.string().nullable(),
  hold: z.boolean(),
  holdReason: z.string().nullable(),
});
export type MemberRow = z.infer<typeof zMemberRow>;

export const zMemberFilter = z
  .object({
    kind: zMemberKind.optional(),
    status: zMemberStatus.optional(),
  })
  .strict();

export const membersContract = defineContract({
  'members:list': {
    input: zPageRequest.extend({ filter: zMemberFilter.default({}) }).strict(),
    output: z.object({ rows: z.array(zMemberRow), total: z.number().int() }),
    roles: ANY_ROLE,
  },
  'members:get': {
    input: z.object({ code: zMemberCode }).strict(),
    output: zMemberRow,
    roles: ANY_ROLE,
  },
});
