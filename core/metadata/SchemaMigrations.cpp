#include "metadata/MetadataStore.h"

namespace berth {

// The schema, one migration per released change. Never edit a released migration: add a new one.
const QList<MetadataStore::Migration>& MetadataStore::migrations()
{
    static const QList<Migration> list = {
        {1,
         QStringLiteral(
             "repositories, manifests, tags, blobs held by repositories, manifest blob references, "
             "upload sessions"),
         {
             QStringLiteral("CREATE TABLE repositories ("
                            " id INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE COLLATE BINARY,"
                            " created_at INTEGER NOT NULL,"
                            " last_push_at INTEGER,"
                            " last_pull_at INTEGER)"),
             QStringLiteral("CREATE TABLE manifests ("
                            " id INTEGER PRIMARY KEY,"
                            " repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,"
                            " digest TEXT NOT NULL,"
                            " media_type TEXT NOT NULL,"
                            " artifact_type TEXT NOT NULL DEFAULT '',"
                            " size INTEGER NOT NULL,"
                            " subject TEXT,"
                            " annotations TEXT,"
                            " pushed_at INTEGER NOT NULL,"
                            " last_pulled_at INTEGER,"
                            " UNIQUE (repository_id, digest))"),
             QStringLiteral(
                 "CREATE TABLE tags ("
                 " repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,"
                 " name TEXT NOT NULL COLLATE BINARY,"
                 " manifest_id INTEGER NOT NULL REFERENCES manifests(id) ON DELETE CASCADE,"
                 " updated_at INTEGER NOT NULL,"
                 " PRIMARY KEY (repository_id, name))"), // also the "tags by repository, by name" index
             QStringLiteral("CREATE INDEX tags_by_manifest ON tags (manifest_id)"),
             QStringLiteral("CREATE TABLE repository_blobs ("
                            " repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,"
                            " digest TEXT NOT NULL,"
                            " size INTEGER NOT NULL,"
                            " linked_at INTEGER NOT NULL,"
                            " PRIMARY KEY (repository_id, digest))"),
             QStringLiteral("CREATE TABLE manifest_blobs ("
                            " manifest_id INTEGER NOT NULL REFERENCES manifests(id) ON DELETE CASCADE,"
                            " digest TEXT NOT NULL,"
                            " PRIMARY KEY (manifest_id, digest))"),
             QStringLiteral("CREATE TABLE uploads ("
                            " id TEXT PRIMARY KEY,"
                            " repository TEXT NOT NULL,"
                            " started_at INTEGER NOT NULL)"),
         }},
        {2,
         QStringLiteral("index children; lookups of manifests by subject and of blobs by digest"),
         {
             QStringLiteral("CREATE TABLE manifest_children ("
                            " manifest_id INTEGER NOT NULL REFERENCES manifests(id) ON DELETE CASCADE,"
                            " child_digest TEXT NOT NULL,"
                            " PRIMARY KEY (manifest_id, child_digest))"),
             QStringLiteral("CREATE INDEX manifest_children_by_child ON manifest_children (child_digest)"),
             QStringLiteral("CREATE INDEX manifests_by_subject ON manifests (repository_id, subject)"
                            " WHERE subject IS NOT NULL"),
             QStringLiteral("CREATE INDEX repository_blobs_by_digest ON repository_blobs (digest)"),
             QStringLiteral("CREATE INDEX manifest_blobs_by_digest ON manifest_blobs (digest)"),
         }},
        {3,
         QStringLiteral("identity: compartments (repositories belong to one, may be public), users, groups, "
                        "auth tokens, network sources, policies"),
         {
             // The tenancy is row 1, always: repositories default to it.
             QStringLiteral("CREATE TABLE compartments ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " parent_id INTEGER REFERENCES compartments(id),"
                            " name TEXT NOT NULL COLLATE BINARY,"
                            " description TEXT NOT NULL DEFAULT '',"
                            " created_at INTEGER NOT NULL,"
                            " UNIQUE (parent_id, name))"),
             QStringLiteral(
                 "INSERT INTO compartments (id, ocid, parent_id, name, description, created_at)"
                 " VALUES (1, 'ocid1.tenancy.berth..' || lower(hex(randomblob(16))), NULL, '',"
                 " 'The tenancy: the root compartment', CAST(strftime('%s', 'now') AS INTEGER) * 1000)"),
             // SQLite refuses a REFERENCES column with a non-null default here: the link is kept by
             // IdentityStore (a compartment with repositories cannot be deleted).
             QStringLiteral("ALTER TABLE repositories ADD COLUMN compartment_id INTEGER NOT NULL DEFAULT 1"),
             QStringLiteral("ALTER TABLE repositories ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("CREATE INDEX repositories_by_compartment ON repositories (compartment_id)"),
             QStringLiteral("CREATE TABLE users ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                            " description TEXT NOT NULL DEFAULT '',"
                            " email TEXT NOT NULL DEFAULT '',"
                            " password_hash TEXT,"
                            " locked INTEGER NOT NULL DEFAULT 0,"
                            " created_at INTEGER NOT NULL)"),
             QStringLiteral("CREATE TABLE groups ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " name TEXT NOT NULL UNIQUE COLLATE BINARY,"
                            " description TEXT NOT NULL DEFAULT '',"
                            " builtin INTEGER NOT NULL DEFAULT 0,"
                            " created_at INTEGER NOT NULL)"),
             QStringLiteral(
                 "INSERT INTO groups (ocid, name, description, builtin, created_at)"
                 " VALUES ('ocid1.group.berth..' || lower(hex(randomblob(16))), 'Administrators',"
                 " 'Members may do everything', 1, CAST(strftime('%s', 'now') AS INTEGER) * 1000)"),
             QStringLiteral("CREATE TABLE group_members ("
                            " group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
                            " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " added_at INTEGER NOT NULL,"
                            " PRIMARY KEY (group_id, user_id))"),
             QStringLiteral("CREATE INDEX group_members_by_user ON group_members (user_id)"),
             QStringLiteral("CREATE TABLE auth_tokens ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " secret_sha256 TEXT NOT NULL UNIQUE,"
                            " description TEXT NOT NULL DEFAULT '',"
                            " created_at INTEGER NOT NULL,"
                            " last_used_at INTEGER,"
                            " revoked INTEGER NOT NULL DEFAULT 0,"
                            " revoked_at INTEGER)"),
             QStringLiteral("CREATE INDEX auth_tokens_by_user ON auth_tokens (user_id)"),
             QStringLiteral("CREATE TABLE network_sources ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " name TEXT NOT NULL UNIQUE COLLATE BINARY,"
                            " description TEXT NOT NULL DEFAULT '',"
                            " ranges TEXT NOT NULL," // one CIDR range per line
                            " created_at INTEGER NOT NULL)"),
             QStringLiteral("CREATE TABLE policies ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " compartment_id INTEGER NOT NULL REFERENCES compartments(id),"
                            " name TEXT NOT NULL COLLATE BINARY,"
                            " description TEXT NOT NULL DEFAULT '',"
                            " statements TEXT NOT NULL,"
                            " created_at INTEGER NOT NULL,"
                            " updated_at INTEGER NOT NULL,"
                            " UNIQUE (compartment_id, name))"),
         }},
        {4,
         QStringLiteral("garbage collection: manifests by digest across repositories"),
         {
             QStringLiteral("CREATE INDEX manifests_by_digest ON manifests (digest)"),
         }},
        {5,
         QStringLiteral("maintenance history: garbage collection, scrub, fsck and backup runs"),
         {
             QStringLiteral("CREATE TABLE maintenance_runs ("
                            " id INTEGER PRIMARY KEY,"
                            " kind TEXT NOT NULL,"    // gc, scrub, fsck, backup
                            " trigger TEXT NOT NULL," // manual, schedule
                            " started_at INTEGER NOT NULL,"
                            " finished_at INTEGER NOT NULL,"
                            " outcome TEXT NOT NULL,"                // succeeded, failed, cancelled
                            " summary TEXT NOT NULL DEFAULT '{}')"), // JSON, the kind's own figures
             QStringLiteral("CREATE INDEX maintenance_runs_by_kind ON maintenance_runs (kind, started_at)"),
         }},
        {6,
         QStringLiteral(
             "governance: retention policies, tag immutability, limits and limit increase requests, "
             "usage metering (daily usage, storage samples, last pull per tag), registry settings"),
         {
             // A policy applies to one compartment (and everything below it) or to one repository.
             QStringLiteral("CREATE TABLE retention_policies ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " name TEXT NOT NULL UNIQUE COLLATE BINARY,"
                            " description TEXT NOT NULL DEFAULT '',"
                            " compartment_id INTEGER REFERENCES compartments(id) ON DELETE CASCADE,"
                            " repository_id INTEGER REFERENCES repositories(id) ON DELETE CASCADE,"
                            " enabled INTEGER NOT NULL DEFAULT 1,"
                            " rules TEXT NOT NULL," // JSON, see core/retention
                            " created_at INTEGER NOT NULL,"
                            " updated_at INTEGER NOT NULL,"
                            " CHECK ((compartment_id IS NULL) <> (repository_id IS NULL)))"),
             QStringLiteral(
                 "CREATE INDEX retention_policies_by_compartment ON retention_policies (compartment_id)"
                 " WHERE compartment_id IS NOT NULL"),
             QStringLiteral(
                 "CREATE INDEX retention_policies_by_repository ON retention_policies (repository_id)"
                 " WHERE repository_id IS NOT NULL"),
             // Tag immutability per repository; exclusions are a JSON array of regular expressions.
             QStringLiteral("ALTER TABLE repositories ADD COLUMN immutable_tags INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral(
                 "ALTER TABLE repositories ADD COLUMN immutable_tag_exclusions TEXT NOT NULL DEFAULT '[]'"),
             // The repository's own image limit (an approved increase); NULL: the registry's limit.
             QStringLiteral("ALTER TABLE repositories ADD COLUMN image_limit INTEGER"),
             // Registry-wide settings changed at run time: limits, the price sheet (JSON values).
             QStringLiteral("CREATE TABLE registry_settings ("
                            " key TEXT PRIMARY KEY,"
                            " value TEXT NOT NULL,"
                            " updated_at INTEGER NOT NULL,"
                            " updated_by TEXT NOT NULL DEFAULT '')"),
             QStringLiteral("CREATE TABLE limit_requests ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " limit_name TEXT NOT NULL,"            // repositories, imagesPerRepository
                            " repository TEXT NOT NULL DEFAULT ''," // for imagesPerRepository
                            " current_value INTEGER NOT NULL,"
                            " requested_value INTEGER NOT NULL,"
                            " reason TEXT NOT NULL,"
                            " requested_by TEXT NOT NULL,"
                            " requested_at INTEGER NOT NULL,"
                            " status TEXT NOT NULL DEFAULT 'pending'," // pending, approved, declined
                            " decided_by TEXT NOT NULL DEFAULT '',"
                            " decided_at INTEGER,"
                            " decision_note TEXT NOT NULL DEFAULT '')"),
             QStringLiteral("CREATE INDEX limit_requests_by_status ON limit_requests (status, requested_at)"),
             // Metering. Names, not ids: the history outlives deleted repositories and users. day is the
             // UTC date "YYYY-MM-DD"; user_name is '' for anonymous pulls; compartment_id is where the
             // repository was when the bytes moved.
             QStringLiteral("CREATE TABLE usage_daily ("
                            " day TEXT NOT NULL,"
                            " repository TEXT NOT NULL,"
                            " compartment_id INTEGER NOT NULL,"
                            " user_name TEXT NOT NULL DEFAULT '',"
                            " pulls INTEGER NOT NULL DEFAULT 0,"  // manifest GETs
                            " pushes INTEGER NOT NULL DEFAULT 0," // manifest PUTs
                            " egress_bytes INTEGER NOT NULL DEFAULT 0,"
                            " ingress_bytes INTEGER NOT NULL DEFAULT 0,"
                            " PRIMARY KEY (day, repository, compartment_id, user_name))"),
             QStringLiteral("CREATE INDEX usage_daily_by_compartment ON usage_daily (compartment_id, day)"),
             // Stored bytes per repository, sampled (at most one row per repository and day, the last
             // sample of the day wins). stored_bytes: every blob and manifest the repository holds;
             // unique_bytes: those no other repository holds (shared = stored - unique).
             QStringLiteral("CREATE TABLE storage_samples ("
                            " day TEXT NOT NULL,"
                            " repository TEXT NOT NULL,"
                            " compartment_id INTEGER NOT NULL,"
                            " stored_bytes INTEGER NOT NULL,"
                            " unique_bytes INTEGER NOT NULL,"
                            " sampled_at INTEGER NOT NULL,"
                            " PRIMARY KEY (day, repository))"),
             QStringLiteral(
                 "CREATE INDEX storage_samples_by_compartment ON storage_samples (compartment_id, day)"),
             QStringLiteral("CREATE TABLE tag_pulls ("
                            " repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,"
                            " tag TEXT NOT NULL COLLATE BINARY,"
                            " last_pulled_at INTEGER NOT NULL,"
                            " pulls INTEGER NOT NULL DEFAULT 0,"
                            " PRIMARY KEY (repository_id, tag))"),
         }},
        {7,
         QStringLiteral("licence-gated repositories: licences with their published versions, acceptances; "
                        "repository descriptions"),
         {
             // Shown in the portal and the console.
             QStringLiteral("ALTER TABLE repositories ADD COLUMN description TEXT NOT NULL DEFAULT ''"),
             // A licence gates one repository or a compartment (everything below it). A repository's own
             // licence wins over its compartments'; the nearest compartment wins over those above it.
             QStringLiteral("CREATE TABLE licences ("
                            " id INTEGER PRIMARY KEY,"
                            " ocid TEXT NOT NULL UNIQUE,"
                            " compartment_id INTEGER UNIQUE REFERENCES compartments(id) ON DELETE CASCADE,"
                            " repository_id INTEGER UNIQUE REFERENCES repositories(id) ON DELETE CASCADE,"
                            " current_version TEXT NOT NULL," // licence_versions.version in force
                            " created_at INTEGER NOT NULL,"
                            " updated_at INTEGER NOT NULL,"
                            " CHECK ((compartment_id IS NULL) <> (repository_id IS NULL)))"),
             // Every version ever published; a published version's text never changes.
             QStringLiteral("CREATE TABLE licence_versions ("
                            " licence_id INTEGER NOT NULL REFERENCES licences(id) ON DELETE CASCADE,"
                            " version TEXT NOT NULL COLLATE BINARY,"
                            " title TEXT NOT NULL,"
                            " format TEXT NOT NULL," // text, markdown
                            " body TEXT NOT NULL,"
                            " published_by TEXT NOT NULL DEFAULT '',"
                            " published_at INTEGER NOT NULL,"
                            " PRIMARY KEY (licence_id, version))"),
             // Names, not ids: the record outlives deleted users. channel: portal, api, cli, console.
             QStringLiteral("CREATE TABLE licence_acceptances ("
                            " licence_id INTEGER NOT NULL REFERENCES licences(id) ON DELETE CASCADE,"
                            " version TEXT NOT NULL COLLATE BINARY,"
                            " user_name TEXT NOT NULL COLLATE BINARY,"
                            " accepted_at INTEGER NOT NULL,"
                            " client_address TEXT NOT NULL DEFAULT '',"
                            " channel TEXT NOT NULL DEFAULT '',"
                            " PRIMARY KEY (licence_id, version, user_name))"),
             QStringLiteral("CREATE INDEX licence_acceptances_by_user ON licence_acceptances (user_name)"),
         }},
    };
    return list;
}

} // namespace berth
