/** Admin (secret-key) schemas for orders and members; server-side callers only. */
import { z } from 'zod';
import { Order, OrderStatus } from './public.js';

export const OrderParams = z.object({ id: z.string().min(1).max(80) }).strict();
export const OrderAccessQuery = z.object({ token: z.string().min(1).max(200) }).strict();

export const OrderListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    status: OrderStatus.optional(),
  })
  .strict();

export const OrderList = z.object({ items: z.array(Order) });

export const SetOrderStatusBody = z
  .object({
    /** The next step (placed → picked_up → out_for_delivery → delivered), or cancelled. */
    status: OrderStatus.exclude(['placed']),
  })
  .strict();

export const MemberEmailParams = z.object({ email: z.string().trim().toLowerCase().email().max(254) }).strict();
export const Member = z.object({ email: z.string(), createdAt: z.string() });
export const MemberList = z.object({ items: z.array(Member) });
