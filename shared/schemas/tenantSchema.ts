import { Type, type Static } from '@sinclair/typebox';

/**
 * A merchant's id: lower-case letters, digits and `-`, 2-32 characters, starting with a letter or a
 * digit. It goes into every key, login form, event header (X-Kefu-Tenant) and mini-program config,
 * so it is kept to what each of those accepts; `_` is reserved (the `_system` registry).
 */
export const TENANT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{1,31}$';

/** A new merchant (`kefu tenant create`, `POST /v1/operator/tenants`) and its first admin. */
export const CreateTenantRequest = Type.Object(
  {
    id: Type.String({ pattern: TENANT_ID_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' }),
    /** The first admin's username, as for invited staff. */
    admin: Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,31}$' }),
    /** The admin's display name; defaults to 管理员. */
    adminName: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type CreateTenantRequest = Static<typeof CreateTenantRequest>;
