import { Type, type Static } from '@sinclair/typebox';

/** An admin gives a colleague another role; their sessions end and they log in again under it. */
export const StaffRoleRequest = Type.Object(
  { role: Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('admin')]) },
  { additionalProperties: false },
);
export type StaffRoleRequest = Static<typeof StaffRoleRequest>;
