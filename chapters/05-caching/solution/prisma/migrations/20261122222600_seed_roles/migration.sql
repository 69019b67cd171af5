-- The roles and permissions that the code relies on are data, not configuration: they are seeded here, once, so
-- that every database built from the migrations has them. Later changes to them belong in new migrations.

INSERT INTO "permissions" ("name", "description") VALUES
    ('books:read', 'Read books'),
    ('books:write', 'Create and update books'),
    ('books:delete', 'Delete books'),
    ('authors:read', 'Read authors'),
    ('authors:write', 'Create and update authors'),
    ('authors:delete', 'Delete authors'),
    ('reviews:write', 'Review books, as oneself'),
    ('users:manage', 'Change the roles of other users');

INSERT INTO "roles" ("name", "description") VALUES
    ('reader', 'Reads the catalogue, as every new account does'),
    ('editor', 'Keeps the catalogue up to date'),
    ('admin', 'Deletes from the catalogue and manages users');

INSERT INTO "role_permissions" ("role_name", "permission_name") VALUES
    ('reader', 'books:read'),
    ('reader', 'authors:read'),
    ('reader', 'reviews:write'),
    ('editor', 'books:read'),
    ('editor', 'authors:read'),
    ('editor', 'reviews:write'),
    ('editor', 'books:write'),
    ('editor', 'authors:write'),
    ('admin', 'books:read'),
    ('admin', 'authors:read'),
    ('admin', 'reviews:write'),
    ('admin', 'books:write'),
    ('admin', 'authors:write'),
    ('admin', 'books:delete'),
    ('admin', 'authors:delete'),
    ('admin', 'users:manage');
