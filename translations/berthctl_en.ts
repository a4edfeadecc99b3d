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
        <location filename="../app/cli/ApiClient.cpp" line="115"/>
        <source>No answer from %1 within %2 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="117"/>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ApiClient.cpp" line="121"/>
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
        <location filename="../app/cli/CommandLine.cpp" line="100"/>
        <source>The Berth server, e.g. https://registry.example.com (default: $BERTH_SERVER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="103"/>
        <source>Sign in as this user (default: $BERTH_USER). Before the command when the command has a --user of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="107"/>
        <source>The password or an auth token (default: $BERTH_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="110"/>
        <source>Read the password or auth token from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="111"/>
        <source>table (default) or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="114"/>
        <source>Also trust the CA certificate(s) in this PEM file for HTTPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="116"/>
        <source>Seconds to wait for each answer (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="118"/>
        <source>Show help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="119"/>
        <source>Show berthctl&apos;s version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="155"/>
        <source>berthctl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="156"/>
        <source>Run &apos;%1 --help&apos; for its usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="189"/>
        <source>Name a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="194"/>
        <source>There is no command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="212"/>
        <source>Name a subcommand of &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="218"/>
        <source>&quot;%1&quot; has no subcommand &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="253"/>
        <source>Missing argument %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="255"/>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="274"/>
        <source>--output must be table or json, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="279"/>
        <source>No server: pass --server URL or set BERTH_SERVER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="284"/>
        <source>The server &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="293"/>
        <source>Give either --password or --password-stdin, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="295"/>
        <source>--password-stdin: standard input is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="309"/>
        <source>--timeout must be a number of seconds from 1 to 86400, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="319"/>
        <source>BERTH_PAGE_SIZE must be a number from 1 to 1000, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="345"/>
        <source>Usage: berthctl [global options] COMMAND [SUBCOMMAND] [options] [arguments]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="346"/>
        <source>Manages a Berth container registry through its REST API (/api/v1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="347"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="353"/>
        <source>Global options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="356"/>
        <source>Exit status: 0 success, 1 the server refused or could not be reached, 2 a usage error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="358"/>
        <source>Run &apos;berthctl COMMAND --help&apos; for a command&apos;s subcommands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="364"/>
        <source>Usage: berthctl %1 SUBCOMMAND [options] [arguments]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="366"/>
        <source>Subcommands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="373"/>
        <source>Run &apos;berthctl %1 SUBCOMMAND --help&apos; for a subcommand&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="384"/>
        <source>Usage: berthctl %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="386"/>
        <source>[options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="392"/>
        <source>Arguments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="400"/>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="404"/>
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
    <name>CostCommands</name>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="39"/>
        <source>The monthly cost report per compartment (storage, egress, free allowances), or its CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="46"/>
        <source>Shows what a UTC calendar month costs per compartment under the price sheet (&apos;berthctl pricing show&apos;): storage in GB-months, egress in GB, each compartment&apos;s share of the free allowances and the amounts. The current month is the cost so far. Administrators only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="50"/>
        <source>The month, YYYY-MM (default: the current month).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="53"/>
        <source>Write the report as CSV to FILE instead (&apos;-&apos; for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="67"/>
        <source>--csv needs a file name (or &apos;-&apos; for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="80"/>
        <source>Could not write %1: %2. Check the folder exists and you may write there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="82"/>
        <source>Wrote the cost report to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="92"/>
        <source>Cost of %1 so far (through %2), in %3:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="95"/>
        <source>Cost of %1, in %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="101"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="102"/>
        <source>COMPARTMENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="102"/>
        <source>STORAGE GB-MONTHS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="102"/>
        <location filename="../app/cli/CostCommands.cpp" line="103"/>
        <source>FREE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="102"/>
        <source>STORAGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="103"/>
        <source>EGRESS GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="103"/>
        <source>EGRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CostCommands.cpp" line="103"/>
        <source>AMOUNT</source>
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
    <name>ImmutabilityCommand</name>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="12"/>
        <source>Shows or sets a repository&apos;s tag immutability: immutable tags cannot be moved to another image or deleted; tags an exclusion pattern matches whole (e.g. latest) still can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="14"/>
        <source>The repository, e.g. team/app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="15"/>
        <source>Make its tags immutable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="16"/>
        <source>Make its tags mutable again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="18"/>
        <source>A regular expression for tags that stay mutable (repeat it for more; replaces the current patterns).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="21"/>
        <source>Remove every exclusion pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="30"/>
        <source>Give --on or --off, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="32"/>
        <source>Give --exclude or --no-exclusions, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="52"/>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="53"/>
        <source>Immutable tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ImmutabilityCommand.cpp" line="54"/>
        <source>Exclusions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Invocation</name>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="46"/>
        <location filename="../app/cli/Invocation.cpp" line="54"/>
        <location filename="../app/cli/Invocation.cpp" line="87"/>
        <source>berthctl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="47"/>
        <source>Run &apos;berthctl %1 --help&apos; for its usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="60"/>
        <source>The server answered HTTP %1 without an error message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="62"/>
        <source>berthctl: %1 (HTTP %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="64"/>
        <source>berthctl: %1 (%2, HTTP %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="75"/>
        <source>  line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Invocation.cpp" line="81"/>
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
    <name>LicenceAcceptCommand</name>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="29"/>
        <source>Shows the licence a repository needs before it can be pulled (its title, version and text) and whether you accepted it; or, with --compartment, a compartment&apos;s licence (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="32"/>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="43"/>
        <source>The repository, e.g. team/app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="34"/>
        <source>Show the licence set on this compartment instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="41"/>
        <source>Accepts the licence a repository needs, so that you can pull from it. Shows the text and asks first unless --yes is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="45"/>
        <source>Accept this version only: if the licence changed since you read it, nothing is accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="49"/>
        <source>Accept without showing the text and asking (you read it already with &apos;berthctl licence show&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="58"/>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="62"/>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="63"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="64"/>
        <source>Set on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="65"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="66"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="85"/>
        <source>Name a repository, or a compartment with --compartment A:B.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="86"/>
        <source>Give a repository or --compartment, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="92"/>
        <source>Repository %1 needs no licence: whoever may pull from it can pull.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="96"/>
        <source>Pulling from %1 needs this licence accepted first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="102"/>
        <source>You are not signed in. Sign in to accept it: berthctl --user NAME licence accept %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="105"/>
        <source>Or sign in, read and accept it in a browser: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="107"/>
        <source>You (%1) accepted version %2 on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="111"/>
        <source>You (%1) have not accepted version %2. Accept it with: berthctl licence accept %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="115"/>
        <source>Or read and accept it in a browser: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="131"/>
        <source>Compartment %1 has no licence of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="142"/>
        <source>Accepting a licence is recorded for a user: sign in with --user and --password (or BERTH_USER and BERTH_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="150"/>
        <source>Repository %1 needs no licence: there is nothing to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="162"/>
        <source>Not accepted: standard input is not a terminal, so berthctl cannot show you the licence and ask. Read it with &apos;berthctl licence show %1&apos;, then run &apos;berthctl licence accept %1 --version %2 --yes&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="167"/>
        <source>Not accepted: version %1 of the licence of %2 is no longer in force (version %3 is). Leave out --version to read and accept version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="172"/>
        <source>Accept &quot;%1&quot; (version %2) for %3? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="178"/>
        <source>Not accepted: pulls from %1 stay refused until you accept the licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="194"/>
        <source>Not accepted: the licence of %1 changed; version %2 is in force now, not %3. Read it with &apos;berthctl licence show %1&apos;, then accept it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceAcceptCommand.cpp" line="200"/>
        <source>Accepted &quot;%1&quot; (version %2) for %3 as %4: you can pull from it now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LicenceCommands</name>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="25"/>
        <source>Licences: read and accept the licence a repository needs before pulls; administrators set, version and remove licences and see who accepted them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="33"/>
        <source>the tenancy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="33"/>
        <location filename="../app/cli/LicenceCommands.cpp" line="126"/>
        <source>compartment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="35"/>
        <location filename="../app/cli/LicenceCommands.cpp" line="116"/>
        <source>repository %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="41"/>
        <source>The repository, e.g. team/app (or give --compartment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="44"/>
        <source>The compartment, e.g. Apps:Web: its licence gates every repository below it that has none of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="51"/>
        <source>Lists who accepted which licence version and when (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="53"/>
        <source>Only the licence that gates this repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="56"/>
        <source>Only licences set on this compartment or below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="57"/>
        <source>Only this licence (its OCID, see licence list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="60"/>
        <source>Only this user&apos;s acceptances (sign in with --user before the command).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="63"/>
        <source>Only acceptances of the versions in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="66"/>
        <source>Lists every licence, where it is set, its version in force and how many accepted that version (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="72"/>
        <source>Sets or versions the licence of a repository or compartment (administrators). A new version must be accepted again before pulls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="76"/>
        <source>The licence&apos;s title, one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="79"/>
        <source>The version label, e.g. 1, 2.0 or 2026-11 (letters, digits, . _ + -).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="82"/>
        <source>Read the text from this file (- is standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="84"/>
        <source>The text itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="85"/>
        <source>The text is Markdown (default: plain text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="88"/>
        <source>Removes the licence of a repository or compartment with its versions and acceptances: pulls are no longer gated by it (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="92"/>
        <source>Do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="95"/>
        <source>Lists the published versions of the licence that gates a repository, or of a compartment&apos;s licence (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="108"/>
        <source>Give a repository or --compartment, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="109"/>
        <source>Name a repository, or a compartment with --compartment A:B.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="121"/>
        <source>--compartment needs a compartment path, e.g. Apps:Web.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="140"/>
        <source>Give the licence&apos;s title with --title TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="142"/>
        <source>Give the version with --version V, e.g. 1; a new version must be accepted again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="146"/>
        <source>Give the licence text with --file FILE or --text TEXT (one of them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="156"/>
        <source>Cannot read the licence text from %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="160"/>
        <source>The licence text is empty; write it in the file or after --text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="169"/>
        <source>Version %1 of &quot;%2&quot; is in force on %3. Users must accept it before they pull (those allowed to push are not asked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="185"/>
        <source>Remove the licence of %1 with all its versions and acceptances? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="189"/>
        <source>Not removed; answer y, or pass --yes to remove it without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="192"/>
        <source>Removed the licence of %1: pulls are no longer gated by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="199"/>
        <location filename="../app/cli/LicenceCommands.cpp" line="271"/>
        <source>SET ON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="199"/>
        <location filename="../app/cli/LicenceCommands.cpp" line="238"/>
        <source>TITLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="199"/>
        <location filename="../app/cli/LicenceCommands.cpp" line="238"/>
        <location filename="../app/cli/LicenceCommands.cpp" line="271"/>
        <source>VERSION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="199"/>
        <location filename="../app/cli/LicenceCommands.cpp" line="238"/>
        <source>FORMAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="199"/>
        <source>ACCEPTED (IN FORCE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="200"/>
        <source>UPDATED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="200"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="230"/>
        <source>No licence is set on %1 or above it, so there are no versions. Set one with &apos;berthctl licence set&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="238"/>
        <source>PUBLISHED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="238"/>
        <source>BY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="238"/>
        <source>IN FORCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="238"/>
        <source>ACCEPTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="264"/>
        <source>Give one of --repository, --compartment and --licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="271"/>
        <source>USER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="271"/>
        <source>ACCEPTED AT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="271"/>
        <source>CHANNEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LicenceCommands.cpp" line="271"/>
        <source>CURRENT</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LimitCommands</name>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="23"/>
        <source>images of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="24"/>
        <source>repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="39"/>
        <source>Limits: the registry&apos;s figures and limits, increase requests and decisions on them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="44"/>
        <source>The request&apos;s number (see limits requests).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="45"/>
        <source>A note for the requester.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="49"/>
        <source>Shows the limits in force and the figures (with --repository, one repository&apos;s images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="52"/>
        <source>Also show this repository&apos;s images and limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="55"/>
        <source>Changes the registry&apos;s limits at run time (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="57"/>
        <source>Repositories in the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="60"/>
        <source>Images (manifests) per repository; each platform of an index counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="64"/>
        <source>Asks an administrator for a higher limit: &quot;repositories&quot;, or &quot;images REPOSITORY&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="65"/>
        <source>Which limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="66"/>
        <source>For images: the repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="67"/>
        <source>The limit you need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="68"/>
        <source>Why you need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="71"/>
        <source>Lists limit increase requests (yours; administrators see everybody&apos;s), or shows one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="72"/>
        <source>Show this request only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="73"/>
        <source>Only requests waiting for a decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="76"/>
        <source>Approves a request: the limit is raised at once (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="81"/>
        <source>Declines a request, with a note saying why (administrators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="112"/>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="112"/>
        <location filename="../app/cli/LimitCommands.cpp" line="130"/>
        <source>%1 of %2 (%3%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="116"/>
        <source>Repository limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="116"/>
        <location filename="../app/cli/LimitCommands.cpp" line="120"/>
        <source>%1 (configured: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="119"/>
        <source>Images per repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="123"/>
        <source>Warnings from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="129"/>
        <source>Images in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="149"/>
        <source>--%1 takes a whole number from 1 up, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="153"/>
        <source>Say what to change: --repositories N and/or --images-per-repository N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="157"/>
        <source>Limits now: %1 repositories, %2 images per repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="169"/>
        <source>The repositories limit is the registry&apos;s: name no repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="174"/>
        <source>Say which repository needs more images: limits request images REPOSITORY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="179"/>
        <source>Ask for &quot;repositories&quot; or &quot;images REPOSITORY&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="183"/>
        <source>Give the limit you need with --value N (a whole number from 1 up).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="185"/>
        <source>Give a reason with --reason TEXT: an administrator decides on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="190"/>
        <source>Request %1 is waiting for an administrator: %2 from %3 to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="200"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="201"/>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="202"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="203"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="204"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="205"/>
        <source>Asked by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="206"/>
        <source>Asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="207"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="208"/>
        <source>Decided by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="209"/>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="210"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="242"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="242"/>
        <source>LIMIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="242"/>
        <source>FROM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="242"/>
        <source>TO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="242"/>
        <source>ASKED BY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="242"/>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="242"/>
        <source>REASON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="256"/>
        <source>Approved request %1: the limit on %2 is %3 now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="259"/>
        <source>Declined request %1.</source>
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
    <name>PricingCommands</name>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="33"/>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="34"/>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="35"/>
        <source>%1 %2 per GB-month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="37"/>
        <source>Egress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="38"/>
        <source>%1 %2 per GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="40"/>
        <source>Free storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="41"/>
        <source>%1 GB-months a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="43"/>
        <source>Free egress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="44"/>
        <source>%1 GB a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="45"/>
        <source>GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="46"/>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="47"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="49"/>
        <source>never (the defaults apply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="50"/>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="60"/>
        <source>The price sheet the cost report uses: show, set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="66"/>
        <source>Price of one GB-month of storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="68"/>
        <source>Price of one GB sent to clients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="71"/>
        <source>GB-months of storage free each month, for the whole registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="74"/>
        <source>GB of egress free each month, for the whole registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="75"/>
        <source>ISO 4217 currency code, e.g. USD or EUR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="80"/>
        <source>Shows the prices, the free allowances and the currency (a GB is 10^9 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="85"/>
        <source>Changes the prices given; the others keep their value. Numbers use &apos;.&apos; as the decimal point. Administrators only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="109"/>
        <source>--%1 must be a number such as 0.025 (with &apos;.&apos; as the decimal point), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/PricingCommands.cpp" line="117"/>
        <source>Nothing to change: give at least one of --storage-gb-month, --egress-gb, --free-storage-gb-months, --free-egress-gb and --currency.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepositoryCommands</name>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="17"/>
        <source>(tenancy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="24"/>
        <source>Repositories: list, create, show, move, make public, describe, delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="30"/>
        <source>The compartment, e.g. Apps:Backend (default: the tenancy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="32"/>
        <source>The repository, e.g. team/app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="35"/>
        <source>Lists the repositories in a compartment that you may inspect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="38"/>
        <source>Include the compartments below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="41"/>
        <source>Creates an empty repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="44"/>
        <source>Anyone may pull it, signed in or not (needs manage rights).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="46"/>
        <source>Shows one repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="48"/>
        <source>Moves a repository to another compartment (&quot;&quot; is the tenancy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="49"/>
        <source>Where it goes, e.g. Apps:Backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="53"/>
        <source>Makes a repository public (true) or private (false).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="54"/>
        <source>Whether anyone may pull it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="58"/>
        <source>Changes a repository&apos;s description (plain text, shown in the portal and by repos show).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="61"/>
        <source>The new description, at most 2000 characters (&quot;&quot; removes it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="65"/>
        <source>Deletes a repository with all its images and tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="67"/>
        <source>Do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="76"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="82"/>
        <source>&quot;%1&quot; version %2, from its compartment (pulls need it accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="83"/>
        <source>&quot;%1&quot; version %2 (pulls need it accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="86"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="87"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="88"/>
        <source>Compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="89"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="90"/>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="91"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="92"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="93"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="94"/>
        <source>Last push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="95"/>
        <source>Last pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="108"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="108"/>
        <source>COMPARTMENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="108"/>
        <source>PUBLIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="108"/>
        <source>IMAGES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="108"/>
        <source>TAGS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="108"/>
        <source>LAST PUSH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="128"/>
        <source>Created repository %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="145"/>
        <source>Moved repository %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="158"/>
        <source>Write true or false, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="163"/>
        <source>Repository %1 is public: anyone may pull it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="164"/>
        <source>Repository %1 is private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="171"/>
        <source>Say what to change: --description TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="177"/>
        <source>Repository %1 has no description now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="178"/>
        <source>Updated the description of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="186"/>
        <source>Delete repository %1 with all its images and tags? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="190"/>
        <source>Not deleted; answer y, or pass --yes to delete without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RepositoryCommands.cpp" line="192"/>
        <source>Deleted repository %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionCommands</name>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="22"/>
        <source>repository %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="24"/>
        <source>the tenancy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="25"/>
        <source>compartment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="66"/>
        <source>Retention policies: list, show, create, update, delete, plan (dry run), apply, runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="71"/>
        <source>The policy&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="73"/>
        <source>The policy applies to this repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="76"/>
        <source>The policy applies to this compartment and everything below it (&quot;&quot; is the tenancy; the default when neither is given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="79"/>
        <source>What the policy is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="82"/>
        <source>Delete tagged images not pulled or pushed for N days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="83"/>
        <source>Remove tags not set or moved for N days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="86"/>
        <source>Delete untagged manifests older than N days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="87"/>
        <source>Keep the N most recently pushed tagged images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="90"/>
        <source>Keep tags matching this regular expression (whole tag); repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="94"/>
        <source>Let the not-pulled and not-tagged rules consider only tags matching this regular expression (whole tag); repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="98"/>
        <source>Keep images that have referrers (signatures, SBOMs) instead of deleting the referrers with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="101"/>
        <source>All rules as JSON, e.g. &apos;{&quot;notPulledForDays&quot;: 30}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="104"/>
        <source>The schedule skips the policy (a plan still works).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="105"/>
        <source>The schedule runs the policy again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="108"/>
        <source>A new name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="111"/>
        <source>Lists retention policies by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="114"/>
        <source>Only those that apply to this repository (also through its compartments).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="117"/>
        <source>Shows a policy with its rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="119"/>
        <source>Creates a policy; at least one delete rule (--not-pulled-days, --not-tagged-days, --untagged-days or --rules). Keep rules of every policy that applies always win.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="126"/>
        <source>Changes the fields given; rules given replace the rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="130"/>
        <source>Deletes a policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="132"/>
        <source>Dry run: what the policy would delete and keep, with the rule behind each, and the bytes that would come back. Changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="138"/>
        <source>Runs the policy as a job on the server and waits for it (Ctrl-C cancels it). The bytes come back at the next garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="143"/>
        <source>Return at once with the job&apos;s id (&apos;berthctl jobs wait ID&apos; follows it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="146"/>
        <source>The history of retention runs, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="148"/>
        <source>Only the runs of this policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="150"/>
        <source>At most N runs (default 20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="159"/>
        <source>Give either --repository or --compartment, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="163"/>
        <source>Give either --enabled or --disabled, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="181"/>
        <source>--rules must be a JSON object such as &apos;{&quot;notPulledForDays&quot;: 30}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="197"/>
        <source>--%1 must be a whole number of days, 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="221"/>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="221"/>
        <source>APPLIES TO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="221"/>
        <source>ENABLED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="221"/>
        <source>RULES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="232"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="233"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="234"/>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="235"/>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="236"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="237"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="238"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="239"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="251"/>
        <source>Give the rules: --not-pulled-days, --not-tagged-days, --untagged-days (with --keep-last, --keep-tag, --select-tag) or --rules JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="256"/>
        <source>Created retention policy %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="270"/>
        <source>Say what to change (see &apos;berthctl retention update --help&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="274"/>
        <source>Updated retention policy %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="281"/>
        <source>Deleted retention policy %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="294"/>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="301"/>
        <source>untag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="308"/>
        <source>keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="314"/>
        <source>ACTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="314"/>
        <source>REPOSITORY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="314"/>
        <source>DIGEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="315"/>
        <source>TAGS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="315"/>
        <source>RULE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="315"/>
        <source>REASON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="317"/>
        <source>%1 image(s) would be deleted and %2 tag(s) removed alone; %3 image(s) stay. %4 would come back at the next garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="345"/>
        <source>Started retention policy %1 as job %2; &apos;berthctl jobs wait %2&apos; follows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="361"/>
        <source>Retention policy %1 (job %2) %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="384"/>
        <source>(all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="391"/>
        <source>STARTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="391"/>
        <source>POLICY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="391"/>
        <source>TRIGGER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="391"/>
        <source>OUTCOME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="391"/>
        <source>DELETED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="392"/>
        <source>UNTAGGED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="392"/>
        <source>SKIPPED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RetentionCommands.cpp" line="392"/>
        <source>BYTES BACK</source>
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
    <name>UsageCommands</name>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="11"/>
        <source>Usage: pulls, pushes and bytes sent and received; &quot;usage storage&quot;: stored bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="18"/>
        <source>Without WHAT: pulls, pushes, egress and ingress over days (UTC), grouped --by repository, compartment, user or day. With &quot;storage&quot;: the stored bytes now per repository and compartment, unique (held nowhere else) and shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="22"/>
        <source>&quot;storage&quot; for stored bytes; leave out for traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="23"/>
        <source>repository (default), compartment, user or day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="25"/>
        <source>First day, YYYY-MM-DD (default: 30 days ago).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="27"/>
        <source>Last day, YYYY-MM-DD (default: today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="29"/>
        <source>Only this repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="32"/>
        <source>Only this compartment (A:B) and those below it (default: the tenancy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="48"/>
        <source>--%1 does not apply to &quot;usage storage&quot;; it shows the stored bytes now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="54"/>
        <source>&quot;%1&quot; is not something usage shows; use &quot;berthctl usage&quot; or &quot;berthctl usage storage&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="71"/>
        <location filename="../app/cli/UsageCommands.cpp" line="120"/>
        <source>REPOSITORY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="73"/>
        <location filename="../app/cli/UsageCommands.cpp" line="120"/>
        <location filename="../app/cli/UsageCommands.cpp" line="130"/>
        <source>COMPARTMENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="75"/>
        <source>USER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="77"/>
        <source>DAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="89"/>
        <source>(anonymous)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="89"/>
        <location filename="../app/cli/UsageCommands.cpp" line="109"/>
        <source>(tenancy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="92"/>
        <source>TOTAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="93"/>
        <source>Usage from %1 to %2 (UTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="96"/>
        <source>PULLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="96"/>
        <source>PUSHES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="96"/>
        <source>EGRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="96"/>
        <source>INGRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="120"/>
        <location filename="../app/cli/UsageCommands.cpp" line="130"/>
        <source>STORED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="120"/>
        <location filename="../app/cli/UsageCommands.cpp" line="130"/>
        <source>UNIQUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="120"/>
        <location filename="../app/cli/UsageCommands.cpp" line="130"/>
        <source>SHARED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="130"/>
        <source>REPOSITORIES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UsageCommands.cpp" line="134"/>
        <source>The registry stores %1 (each blob and manifest once).</source>
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
