<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ApiClient</name>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="24"/>
        <source>Cannot read the CA certificate file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="33"/>
        <source>The file %1 holds no PEM or DER certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="74"/>
        <source>The address %1 is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="114"/>
        <source>No answer from %1 within %2 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="116"/>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="120"/>
        <source>If the server&apos;s certificate comes from a private CA (berthd --tls auto: &lt;data&gt;/keys/ca.crt), pass it with --cacert FILE.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="9"/>
        <source>The audit log: list (with filters), verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="16"/>
        <source>Lists audit records matching the filters, oldest first unless --newest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="18"/>
        <source>Records at or after this ISO 8601 time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="20"/>
        <source>Records before this ISO 8601 time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="22"/>
        <source>Exactly this user (or anonymous, system).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="25"/>
        <source>Whole dotted segments: auth matches auth.signin.failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="27"/>
        <source>The target contains this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="29"/>
        <source>allowed, denied or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="31"/>
        <source>Newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="32"/>
        <source>At most N records (default: all that match).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="36"/>
        <source>Walks the whole hash chain; exit status 1 when a record was changed, removed or reordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="58"/>
        <source>--limit must be a positive number, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="63"/>
        <source>SEQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="63"/>
        <source>TIME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="63"/>
        <source>ACTOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="63"/>
        <source>CLIENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="63"/>
        <source>ACTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="63"/>
        <source>DECISION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="63"/>
        <source>TARGET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="86"/>
        <source>The audit log is intact: %1 records checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="89"/>
        <source>The audit log was tampered with at record %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthTokenCommands</name>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="9"/>
        <source>Auth tokens (passwords for docker login): list, create, revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="16"/>
        <source>Whose tokens (default: the signed-in user; others need an administrator). Give the sign-in user before the command or in BERTH_USER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="21"/>
        <source>Lists auth tokens, oldest first, never their secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="26"/>
        <source>Creates an auth token and shows its secret, once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="28"/>
        <source>What the token is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="32"/>
        <source>Revokes an auth token: it stops working at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="33"/>
        <source>The token&apos;s id (see auth-tokens list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="45"/>
        <source>Whose tokens? Sign in with --user before the command, or pass --user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="57"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="57"/>
        <source>DESCRIPTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="57"/>
        <source>CREATED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="57"/>
        <source>LAST USED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="57"/>
        <source>REVOKED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="79"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="80"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="81"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="82"/>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="83"/>
        <source>Copy the secret now: it is not shown again. Use it as the password of docker login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuthTokenCommands.cpp" line="96"/>
        <source>Revoked auth token %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="14"/>
        <source>Back up the registry (metadata, audit log, keys, blobs) into a folder on the server, or list the backups taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="22"/>
        <source>Takes an online, consistent backup into DIR, a folder on the server (absolute, outside its data directory), while the registry keeps serving, and waits for it. Blobs already in DIR from an earlier backup are not copied again. Restore with &apos;berthd restore --from DIR --data NEWDIR&apos;. &apos;berthctl backup list&apos; shows the backups taken. Administrators only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="26"/>
        <source>The folder on the server, or &quot;list&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="28"/>
        <source>Start the backup and print its job; do not wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="39"/>
        <source>Give the backup folder as an absolute path on the server (like /var/backups/berth), or &quot;list&quot;; &quot;%1&quot; is neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="53"/>
        <source>Backup started as job %1; follow it with &apos;berthctl jobs show %1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="67"/>
        <source>The backup %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="87"/>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="88"/>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="89"/>
        <source>Manifests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="90"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="91"/>
        <source>Blobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="91"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="94"/>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="94"/>
        <location filename="../app/cli/BackupCommand.cpp" line="98"/>
        <source>%1 blob(s), %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="97"/>
        <source>Already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="129"/>
        <source>No backups yet; take one with &apos;berthctl backup DIR&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="133"/>
        <source>STARTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="133"/>
        <source>OUTCOME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="133"/>
        <source>DESTINATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="133"/>
        <source>BLOBS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="133"/>
        <source>SIZE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="133"/>
        <source>COPIED</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="88"/>
        <source>The Berth server, e.g. https://registry.example.com (default: $BERTH_SERVER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="91"/>
        <source>Sign in as this user (default: $BERTH_USER). Before the command when the command has a --user of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="95"/>
        <source>The password or an auth token (default: $BERTH_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="98"/>
        <source>Read the password or auth token from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="99"/>
        <source>table (default) or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="102"/>
        <source>Also trust the CA certificate(s) in this PEM file for HTTPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="104"/>
        <source>Seconds to wait for each answer (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="106"/>
        <source>Show help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="107"/>
        <source>Show berthctl&apos;s version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="143"/>
        <source>berthctl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="144"/>
        <source>Run &apos;%1 --help&apos; for its usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="177"/>
        <source>Name a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="182"/>
        <source>There is no command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="200"/>
        <source>Name a subcommand of &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="206"/>
        <source>&quot;%1&quot; has no subcommand &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="241"/>
        <source>Missing argument %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="243"/>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="262"/>
        <source>--output must be table or json, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="267"/>
        <source>No server: pass --server URL or set BERTH_SERVER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="272"/>
        <source>The server &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="281"/>
        <source>Give either --password or --password-stdin, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="283"/>
        <source>--password-stdin: standard input is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="297"/>
        <source>--timeout must be a number of seconds from 1 to 86400, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="307"/>
        <source>BERTH_PAGE_SIZE must be a number from 1 to 1000, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="333"/>
        <source>Usage: berthctl [global options] COMMAND [SUBCOMMAND] [options] [arguments]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="334"/>
        <source>Manages a Berth container registry through its REST API (/api/v1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="335"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="341"/>
        <source>Global options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="344"/>
        <source>Exit status: 0 success, 1 the server refused or could not be reached, 2 a usage error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="346"/>
        <source>Run &apos;berthctl COMMAND --help&apos; for a command&apos;s subcommands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="352"/>
        <source>Usage: berthctl %1 SUBCOMMAND [options] [arguments]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="354"/>
        <source>Subcommands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="361"/>
        <source>Run &apos;berthctl %1 SUBCOMMAND --help&apos; for a subcommand&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="372"/>
        <source>Usage: berthctl %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="374"/>
        <source>[options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="380"/>
        <source>Arguments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="388"/>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="392"/>
        <source>Global options (see &apos;berthctl --help&apos;): --server, --user, --password, --password-stdin, --output, --cacert, --timeout.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompartmentCommands</name>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="20"/>
        <source>(tenancy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="31"/>
        <source>Compartments: tree, show, create, rename, move, set-description, delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="36"/>
        <source>The compartment, e.g. Apps:Backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="38"/>
        <source>Shows the whole compartment tree from the tenancy down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="39"/>
        <source>Shows one compartment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="41"/>
        <source>Creates a compartment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="43"/>
        <source>The new compartment&apos;s path; NAME alone puts it under the tenancy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="44"/>
        <source>What it is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="47"/>
        <source>Renames a compartment; policies follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="48"/>
        <source>The new name (the last component only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="52"/>
        <source>Moves a compartment under another parent; policies follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="53"/>
        <source>The new parent, e.g. Apps; &quot;&quot; is the tenancy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="57"/>
        <source>Changes a compartment&apos;s description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="58"/>
        <source>The new description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="62"/>
        <source>Deletes an empty compartment (no compartments, repositories or policies in it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="74"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="74"/>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="74"/>
        <source>DESCRIPTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="81"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="82"/>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="83"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="84"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="85"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="100"/>
        <source>Created compartment %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="115"/>
        <source>Renamed compartment %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="121"/>
        <source>Moved compartment %1; it is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="127"/>
        <source>Changed the description of compartment %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CompartmentCommands.cpp" line="133"/>
        <source>Deleted compartment %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainCommand</name>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="11"/>
        <source>Explains whether a user may do something to a repository, and which statement decides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="18"/>
        <source>Explains what the policies decide for a user, a permission and a repository. Give the sign-in user before the command or in BERTH_USER: --user here names the user to explain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="21"/>
        <source>The user whose access to explain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="24"/>
        <source>REPOSITORY_INSPECT, _READ, _UPDATE (push), _CREATE, _DELETE or _MANAGE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="26"/>
        <source>The repository, e.g. team/app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="28"/>
        <source>A tag, for tag-specific conditions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="31"/>
        <source>The client&apos;s IP address, for network-source conditions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="42"/>
        <source>--%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="53"/>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="53"/>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="53"/>
        <source>denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="54"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="55"/>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="56"/>
        <source>Permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="57"/>
        <source>Needs verb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="58"/>
        <source>Compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="59"/>
        <location filename="../app/cli/ExplainCommand.cpp" line="71"/>
        <source>(tenancy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="65"/>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="69"/>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="69"/>
        <source>%1 in %2, line %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="73"/>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ExplainCommand.cpp" line="77"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FsckCommand</name>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="12"/>
        <source>Check the metadata against the blob store (and repair what can be repaired), or show the last report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="20"/>
        <source>Checks the registry while it keeps serving: blobs and manifests that are missing or corrupt, rows that refer to nothing, upload leftovers, blobs nothing references. Waits for the check and prints the report; the exit status is 1 when problems remain. &apos;berthctl fsck status&apos; shows the last report. Administrators only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="24"/>
        <source>Show the last report instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="25"/>
        <source>Repair what can be repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="27"/>
        <source>With --repair: also remove blobs nothing references (older than the garbage collection grace period) instead of leaving them to gc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="40"/>
        <source>&quot;%1&quot; is not something fsck does; use &apos;berthctl fsck&apos; or &apos;berthctl fsck status&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="45"/>
        <source>--remove-unreferenced only applies with --repair: give both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="62"/>
        <source>The check %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="79"/>
        <source>fsck has not run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="97"/>
        <source>repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="98"/>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="99"/>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="105"/>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="105"/>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="105"/>
        <source>OBJECT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="105"/>
        <source>DETAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="108"/>
        <source>The list shows the first 1000 findings; use --output json for the counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="109"/>
        <source>Checked %1 manifests, %2 blobs and %3 upload sessions (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="116"/>
        <source>No problems remain; %1 repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="117"/>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="120"/>
        <source>%1 problem(s) remain that fsck cannot repair; %2 repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/FsckCommand.cpp" line="123"/>
        <source>%1 problem(s) found; &apos;berthctl fsck --repair&apos; repairs what can be repaired.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GcCommand</name>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="11"/>
        <source>Garbage collection: free the space of deleted images (or show what would go), or status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="18"/>
        <source>Removes the blobs nothing references any more while the registry keeps serving; with --dry-run only lists them. &apos;berthctl gc status&apos; shows the bytes a run would free now and the last run. Administrators only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="25"/>
        <source>List what would go; change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="27"/>
        <source>Also delete manifests no tag or kept index keeps (and their layers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="29"/>
        <source>With --delete-untagged: also delete the referrers (signatures, SBOMs) of deleted manifests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="32"/>
        <source>Keep what was uploaded or touched in the last SECONDS (default 3600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="22"/>
        <source>status: show the reclaimable space, the last run and the schedule instead; history: list the recent runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="34"/>
        <source>With history: at most N runs (default 20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="38"/>
        <source>Start the run as a job and return at once with its id (&apos;berthctl jobs wait ID&apos; follows it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="52"/>
        <source>&quot;%1&quot; is not something gc does; use &apos;berthctl gc&apos;, &apos;berthctl gc status&apos; or &apos;berthctl gc history&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="62"/>
        <source>--grace must be a whole number of seconds, 0 or more, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="79"/>
        <source>Started garbage collection as job %1; &apos;berthctl jobs wait %1&apos; follows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="89"/>
        <source>manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="96"/>
        <source>blob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="100"/>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="100"/>
        <source>WHAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="100"/>
        <source>SIZE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="106"/>
        <source>A run would remove %1 blob(s) and %2 manifest(s), freeing %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="110"/>
        <source>Removed %1 blob(s) and %2 manifest(s), freeing %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="112"/>
        <source>The list shows the first 1000 of each; use --output json for the counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="127"/>
        <source>Reclaimable now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="128"/>
        <source>Reclaimable blobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="129"/>
        <source>Grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="129"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="132"/>
        <location filename="../app/cli/GcCommand.cpp" line="134"/>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="132"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="144"/>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="144"/>
        <source>every %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="144"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="146"/>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="175"/>
        <source>STARTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="175"/>
        <source>TRIGGER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="175"/>
        <source>OUTCOME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="175"/>
        <source>BLOBS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="175"/>
        <source>MANIFESTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="175"/>
        <source>FREED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="135"/>
        <source>Last run freed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="137"/>
        <source>Last run removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GcCommand.cpp" line="137"/>
        <source>%1 blob(s), %2 manifest(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupCommands</name>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="28"/>
        <source>Groups: list, create, show, update, delete, add-member, remove-member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="33"/>
        <source>The group name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="34"/>
        <source>The user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="35"/>
        <source>What the group is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="38"/>
        <source>Lists every group with its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="39"/>
        <source>Creates a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="40"/>
        <source>Shows one group with its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="41"/>
        <source>Changes a group&apos;s description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="42"/>
        <source>Deletes a group (not Administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="43"/>
        <source>Adds a user to a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="45"/>
        <source>Removes a user from a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="55"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="56"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="57"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="58"/>
        <source>Built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="59"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="60"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="65"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="65"/>
        <source>MEMBERS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="65"/>
        <source>DESCRIPTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="79"/>
        <source>Created group %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="92"/>
        <source>Say what to change: --description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="102"/>
        <source>Deleted group %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="112"/>
        <source>%1 is a member of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/GroupCommands.cpp" line="123"/>
        <source>%1 is no longer a member of %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageCommands</name>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="11"/>
        <source>Images of a repository: list, delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="16"/>
        <source>The repository, e.g. team/app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="19"/>
        <source>Lists a repository&apos;s images, newest push first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="24"/>
        <source>Deletes an image and the tags that point at it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="25"/>
        <source>The image&apos;s digest, sha256:&lt;64 hex digits&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="35"/>
        <source>DIGEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="35"/>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="35"/>
        <source>SIZE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="35"/>
        <source>PUSHED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="35"/>
        <source>TAGS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImageCommands.cpp" line="55"/>
        <source>Deleted image %1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Invocation</name>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="31"/>
        <location filename="../app/cli/Invocation.cpp" line="39"/>
        <location filename="../app/cli/Invocation.cpp" line="72"/>
        <source>berthctl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="32"/>
        <source>Run &apos;berthctl %1 --help&apos; for its usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="45"/>
        <source>The server answered HTTP %1 without an error message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="47"/>
        <source>berthctl: %1 (HTTP %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="49"/>
        <source>berthctl: %1 (%2, HTTP %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="60"/>
        <source>  line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="66"/>
        <source>Sign in with --user and --password (or BERTH_USER and BERTH_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobCommands</name>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="17"/>
        <source>&quot;%1&quot; is not a job id; &apos;berthctl jobs list&apos; shows the ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="29"/>
        <source>%1% (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="35"/>
        <source>The job&apos;s id (see &apos;berthctl jobs list&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="43"/>
        <source>The server&apos;s long tasks (garbage collection, imports, scrub): list, show, cancel, wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="50"/>
        <source>Lists the jobs the server knows: queued, running and recently finished, oldest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="52"/>
        <source>Only jobs that are queued or running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="54"/>
        <source>Only jobs of this kind: gc, scrub, import, export...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="58"/>
        <source>Shows one job: its state, progress and result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="63"/>
        <source>Asks a job to stop. A running job stops at its next check; &apos;berthctl jobs wait&apos; follows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="68"/>
        <source>Waits until a job has finished, showing its progress; Ctrl-C cancels the job. Exit status 0 when it succeeded, 1 when it failed or was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="83"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="84"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="85"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="86"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="87"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="88"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="89"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="90"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="91"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="92"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="94"/>
        <source>Cancel requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="112"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="112"/>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="112"/>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="112"/>
        <source>PROGRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="112"/>
        <source>QUEUED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="112"/>
        <source>TITLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobCommands.cpp" line="150"/>
        <source>Asked job %1 to stop; &apos;berthctl jobs wait %1&apos; follows it until it does.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobWaiter</name>
    <message>
        <location filename="../app/cli/JobWaiter.cpp" line="91"/>
        <source>The job had already finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobWaiter.cpp" line="92"/>
        <source>Cancelling job %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobWaiter.cpp" line="119"/>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/JobWaiter.cpp" line="121"/>
        <source>%1% (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkSourceCommands</name>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="28"/>
        <source>Network sources (address ranges for policy conditions): list, create, show, update, delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="33"/>
        <source>The network source&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="34"/>
        <source>What the ranges are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="37"/>
        <source>Lists every network source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="39"/>
        <source>Creates a network source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="40"/>
        <source>CIDR ranges, e.g. 10.0.0.0/8 2001:db8::/32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="43"/>
        <source>Shows one network source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="45"/>
        <source>Replaces a network source&apos;s ranges and/or description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="48"/>
        <source>A CIDR range; repeat for several. Replaces them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="52"/>
        <source>Deletes a network source that no policy names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="59"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="59"/>
        <source>RANGES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="59"/>
        <source>DESCRIPTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="73"/>
        <source>Created network source %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="82"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="83"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="84"/>
        <source>Ranges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="85"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="86"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="99"/>
        <source>Say what to change: --range and/or --description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="101"/>
        <source>Updated network source %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/NetworkSourceCommands.cpp" line="109"/>
        <source>Deleted network source %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenApiCommand</name>
    <message>
        <location filename="../app/cli/OpenApiCommand.cpp" line="9"/>
        <source>Prints the server&apos;s OpenAPI 3.0 description of the management API (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Output</name>
    <message>
        <location filename="../app/cli/Output.cpp" line="86"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Output.cpp" line="86"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Output.cpp" line="108"/>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Output.cpp" line="110"/>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Output.cpp" line="111"/>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyCommands</name>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="26"/>
        <source>(tenancy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="42"/>
        <source>Policies: list, show, create, update, delete, validate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="47"/>
        <source>The policy&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="50"/>
        <source>The compartment the policy is attached to, e.g. Apps (default: the tenancy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="53"/>
        <source>Read the statements from FILE, one per line; - reads standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="55"/>
        <source>The statements themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="57"/>
        <source>What the policy is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="61"/>
        <source>Lists policies by compartment, then name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="64"/>
        <source>Only the policies attached to this compartment (&quot;&quot; is the tenancy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="67"/>
        <source>Shows a policy with its statements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="69"/>
        <source>Attaches a new policy to a compartment; invalid statements are refused with their line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="74"/>
        <source>Replaces a policy&apos;s statements and/or description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="78"/>
        <source>Deletes a policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="80"/>
        <source>Checks statements without saving them; exit status 1 when they have problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="92"/>
        <source>Give either --file or --statements, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="98"/>
        <source>The statements are missing: give --file FILE or --statements TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="115"/>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="126"/>
        <source>COMPARTMENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="126"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="126"/>
        <source>STATEMENTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="126"/>
        <source>DESCRIPTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="140"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="141"/>
        <source>Compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="142"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="143"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="144"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="145"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="146"/>
        <source>Statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="164"/>
        <source>Created policy %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="182"/>
        <source>Say what to change: --file, --statements and/or --description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="186"/>
        <source>Updated policy %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="194"/>
        <source>Deleted policy %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="214"/>
        <source>The statements are valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="223"/>
        <source>LINE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="223"/>
        <source>COLUMN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PolicyCommands.cpp" line="223"/>
        <source>PROBLEM</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepositoryCommands</name>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="16"/>
        <source>(tenancy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="23"/>
        <source>Repositories: list, create, show, move, make public, delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="29"/>
        <source>The compartment, e.g. Apps:Backend (default: the tenancy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="31"/>
        <source>The repository, e.g. team/app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="34"/>
        <source>Lists the repositories in a compartment that you may inspect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="37"/>
        <source>Include the compartments below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="40"/>
        <source>Creates an empty repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="43"/>
        <source>Anyone may pull it, signed in or not (needs manage rights).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="45"/>
        <source>Shows one repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="47"/>
        <source>Moves a repository to another compartment (&quot;&quot; is the tenancy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="48"/>
        <source>Where it goes, e.g. Apps:Backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="52"/>
        <source>Makes a repository public (true) or private (false).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="53"/>
        <source>Whether anyone may pull it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="57"/>
        <source>Deletes a repository with all its images and tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="59"/>
        <source>Do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="67"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="68"/>
        <source>Compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="69"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="70"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="71"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="72"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="73"/>
        <source>Last push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="74"/>
        <source>Last pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="87"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="87"/>
        <source>COMPARTMENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="87"/>
        <source>PUBLIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="87"/>
        <source>IMAGES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="87"/>
        <source>TAGS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="87"/>
        <source>LAST PUSH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="107"/>
        <source>Created repository %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="124"/>
        <source>Moved repository %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="137"/>
        <source>Write true or false, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="142"/>
        <source>Repository %1 is public: anyone may pull it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="143"/>
        <source>Repository %1 is private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="151"/>
        <source>Delete repository %1 with all its images and tags? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="155"/>
        <source>Not deleted; answer y, or pass --yes to delete without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="157"/>
        <source>Deleted repository %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScrubCommand</name>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="12"/>
        <source>Re-hash every stored copy of every blob, repair bad copies from good ones, or show the last report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="20"/>
        <source>Starts a scrub on the server while it keeps serving: every copy of every blob in every fault domain is re-hashed, and missing or corrupt copies are repaired from a good one. Waits for it and prints what was repaired and what could not be (with the repositories that need it); the exit status is 1 when something could not be repaired. &apos;berthctl scrub status&apos; shows the last report, the schedule and the fault domains. Administrators only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="27"/>
        <source>Show the last report instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="40"/>
        <source>&quot;%1&quot; is not something scrub does; use &apos;berthctl scrub&apos; or &apos;berthctl scrub status&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="55"/>
        <source>The scrub (job %1) %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="78"/>
        <source>Fault domains (%1, writes need %2 copies): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="84"/>
        <source>Since start: %1 missing and %2 corrupt copies found by reads, %3 copies repaired, %4 writes with fewer copies than domains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="93"/>
        <source>Scheduled every %1 hours; next run %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="97"/>
        <source>Not scheduled; runs only when started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="100"/>
        <source>Scrub has not run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="103"/>
        <source>Last run: started %1, finished %2 (%3, %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="133"/>
        <source>repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="134"/>
        <source>not repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="144"/>
        <source>lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="144"/>
        <source>every domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="145"/>
        <source>referenced by nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="146"/>
        <source>needed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="149"/>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="149"/>
        <source>DIGEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="149"/>
        <source>DOMAIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="149"/>
        <source>DETAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="150"/>
        <source>Checked %1 copies of %2 blobs (%3 bytes hashed): %4 repaired, %5 could not be repaired, %6 blobs have no good copy left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="159"/>
        <source>Blobs with no good copy are lost: push the images that need them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScrubCommand.cpp" line="162"/>
        <source>Some copies could not be written; check the disks of those fault domains and run &apos;berthctl scrub&apos; again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagCommands</name>
    <message>
        <location filename="../app/cli/TagCommands.cpp" line="9"/>
        <source>Tags of a repository: delete (untag).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/TagCommands.cpp" line="16"/>
        <source>Removes a tag; the image stays, reachable by its digest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/TagCommands.cpp" line="17"/>
        <source>The repository, e.g. team/app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/TagCommands.cpp" line="18"/>
        <source>The tag, e.g. 1.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/TagCommands.cpp" line="31"/>
        <source>Removed tag %1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="28"/>
        <source>Users: list, create, show, me, update, lock, unlock, passwd, delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="33"/>
        <source>The user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="34"/>
        <source>The user&apos;s email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="36"/>
        <source>Who the user is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="39"/>
        <source>Lists every user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="41"/>
        <source>Creates a local user; without a password they sign in with auth tokens only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="44"/>
        <source>The new user&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="47"/>
        <source>Shows one user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="48"/>
        <source>Shows the signed-in user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="50"/>
        <source>Changes a user&apos;s email or description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="54"/>
        <source>Locks a user: they cannot sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="55"/>
        <source>Unlocks a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="57"/>
        <source>Sets a user&apos;s password, read from the first line of standard input unless --new-password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="59"/>
        <source>The new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="62"/>
        <source>Deletes a user with their auth tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="69"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="70"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="71"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="72"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="73"/>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="74"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="75"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="76"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="77"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="84"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="84"/>
        <source>EMAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="84"/>
        <source>ADMIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="84"/>
        <source>LOCKED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="84"/>
        <source>GROUPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="103"/>
        <source>Created user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="128"/>
        <source>Say what to change: --email and/or --description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="130"/>
        <source>Updated user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="141"/>
        <source>Locked user %1: they cannot sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="150"/>
        <source>Unlocked user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="160"/>
        <source>No new password: give --new-password or one line on standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="165"/>
        <source>Changed the password of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="172"/>
        <source>Deleted user %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
