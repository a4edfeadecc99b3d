<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DaemonOptions</name>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="30"/>
        <source>&quot;http.%1&quot; must be a number of seconds between 1 and 86400.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="59"/>
        <source>&quot;maintenance&quot;: &quot;%1&quot; in %2 must be a whole number, 0 or more (0 turns it off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="74"/>
        <source>&quot;maintenance&quot; in %1 must be an object such as {&quot;gcIntervalHours&quot;: 24}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="86"/>
        <source>&quot;maintenance&quot; in %1 has an unknown setting &quot;%2&quot;; known settings: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="111"/>
        <source>&quot;limits&quot; in %1 must be an object such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="118"/>
        <source>&quot;limits&quot; in %1 has an unknown setting &quot;%2&quot;; known settings: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="125"/>
        <source>&quot;limits&quot;: &quot;%1&quot; in %2 must be a whole number from 1 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="149"/>
        <source>&quot;storage&quot; in %1 must be an object such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="156"/>
        <source>&quot;storage&quot; in %1 has an unknown setting &quot;%2&quot;; known settings: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="166"/>
        <source>&quot;storage&quot;: &quot;domains&quot; in %1 must be a list of directories, as in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="173"/>
        <source>&quot;storage&quot;: &quot;domains&quot; in %1 must list absolute directory paths (one per disk); %2 is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="186"/>
        <source>&quot;storage&quot;: &quot;writeQuorum&quot; in %1 must be a whole number: how many copies must be durable before a write is acknowledged (0: every domain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="197"/>
        <source>&quot;storage&quot; in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="210"/>
        <source>&quot;tls&quot; in %1 must be an object: {&quot;mode&quot;: &quot;auto&quot;} or {&quot;certificate&quot;: &quot;FILE&quot;, &quot;key&quot;: &quot;FILE&quot;}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="221"/>
        <source>The config file %1 has an unknown setting &quot;tls.%2&quot;; known settings: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="226"/>
        <source>&quot;tls.%1&quot; in %2 must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="235"/>
        <source>&quot;tls.mode&quot; in %1 must be &quot;auto&quot;, &quot;files&quot; or &quot;off&quot;, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="259"/>
        <source>&quot;%1&quot; is not an address to listen on; write it as HOST:PORT, e.g. 127.0.0.1:5000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="272"/>
        <source>&quot;%1&quot; is not an IP address; give the numeric address to listen on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="284"/>
        <source>Cannot read the config file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="288"/>
        <source>The config file %1 is larger than 1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="294"/>
        <source>The config file %1 is not valid JSON: %2 at byte %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="297"/>
        <source>The config file %1 must hold a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="313"/>
        <source>The config file %1 has an unknown setting &quot;%2&quot;; known settings: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="337"/>
        <source>&quot;allowPlainHttp&quot; in %1 must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="355"/>
        <source>HTTPS with your own certificate needs both files: --tls-cert FILE and --tls-key FILE (or &quot;tls&quot;: {&quot;certificate&quot;: &quot;FILE&quot;, &quot;key&quot;: &quot;FILE&quot;} in the config file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="364"/>
        <source>Refusing to serve plain HTTP on %1: it is not a loopback address, so passwords and images would cross the network unencrypted. Serve HTTPS with --tls auto (berthd makes a local CA and certificate and tells clients how to trust it) or with --tls-cert FILE --tls-key FILE; or, on a network you trust, add --allow-plain-http.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="378"/>
        <source>Berth&apos;s headless registry server: an OCI / Docker Registry V2 server for docker, podman, skopeo and helm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="384"/>
        <source>Address and port to listen on (default 127.0.0.1:5000; port 0 picks a free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="386"/>
        <source>HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="389"/>
        <source>Directory for the registry&apos;s data (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="389"/>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="392"/>
        <source>Read settings from a JSON file. To keep every blob on several disks, give it &quot;storage&quot;: {&quot;domains&quot;: [&quot;/disk1/berth&quot;, &quot;/disk2/berth&quot;, &quot;/disk3/berth&quot;], &quot;writeQuorum&quot;: 2} (writes are acknowledged once 2 copies are durable; see README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="395"/>
        <location filename="../server/daemon/DaemonOptions.cpp" line="398"/>
        <location filename="../server/daemon/DaemonOptions.cpp" line="412"/>
        <location filename="../server/daemon/DaemonOptions.cpp" line="415"/>
        <location filename="../server/daemon/DaemonOptions.cpp" line="424"/>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="397"/>
        <source>Once listening, write the address (HOST:PORT) to this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="400"/>
        <source>How much to log: debug, info, warning or error (default info).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="401"/>
        <source>LEVEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="404"/>
        <source>Serve HTTPS. auto: make a local CA and a server certificate in DIR/keys on first start (and renew it); files: use --tls-cert and --tls-key; off: plain HTTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="407"/>
        <source>MODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="410"/>
        <source>Serve HTTPS with this certificate (PEM; the server&apos;s certificate first, then intermediates).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="414"/>
        <source>The private key of --tls-cert (PEM, without a passphrase).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="418"/>
        <source>Serve plain HTTP on an address other than loopback (only on a network you trust: passwords and images cross it unencrypted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="422"/>
        <source>On first start, give the administrator &quot;admin&quot; the password in the first line of this file instead of a generated one (at least 12 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="429"/>
        <source>(see berthd --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="442"/>
        <source>Unexpected argument &quot;%1&quot; (see berthd --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="468"/>
        <source>Unknown log level &quot;%1&quot;; use debug, info, warning or error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="473"/>
        <source>Unknown TLS mode &quot;%1&quot;; use --tls auto, --tls files (with --tls-cert and --tls-key) or --tls off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="480"/>
        <source>--tls %1 does not take --tls-cert or --tls-key; leave out --tls to serve your own certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LicenceScope</name>
    <message>
        <location filename="../core/licensing/Licence.cpp" line="10"/>
        <source>repository %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalCertificateAuthority</name>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="210"/>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="218"/>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="313"/>
        <source>Cannot create the folder %1 for the local CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="326"/>
        <source>The local CA in %1 cannot be used: ca.crt or ca.key is missing or damaged, or they do not belong together. Move ca.crt, ca.key, server.crt and server.key out of that folder; berthd then makes a new CA, which clients must be told to trust again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="335"/>
        <source>Cannot make a key for the local CA: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="340"/>
        <source>Berth local CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="340"/>
        <source>Berth local CA on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="344"/>
        <source>Cannot make the local CA&apos;s certificate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="352"/>
        <source>the local CA expires soon; a new one was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="353"/>
        <source>a new local CA was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="362"/>
        <source>server.crt or server.key was damaged or they did not belong together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="363"/>
        <source>there was no server certificate yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="366"/>
        <source>the server certificate was not signed by the local CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="368"/>
        <source>the server certificate expires on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="371"/>
        <source>the server certificate does not name %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="378"/>
        <source>Cannot make a key for the server certificate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="388"/>
        <source>Cannot make the server certificate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="403"/>
        <source>berthd made a local certificate authority (CA) for HTTPS; clients trust berthd once they trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="405"/>
        <source>  The CA certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="406"/>
        <source>  docker:          mkdir -p /etc/docker/certs.d/%1 &amp;&amp; cp %2 /etc/docker/certs.d/%1/ca.crt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="408"/>
        <source>  podman, skopeo:  mkdir -p /etc/containers/certs.d/%1 &amp;&amp; cp %2 /etc/containers/certs.d/%1/ca.crt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="411"/>
        <source>                   or per command: a folder holding ca.crt, given as podman --cert-dir DIR, skopeo --src-cert-dir DIR / --dest-cert-dir DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="414"/>
        <source>  system store:    cp %1 /usr/local/share/ca-certificates/berth-local-ca.crt &amp;&amp; update-ca-certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="417"/>
        <source>  curl:            curl --cacert %1 https://%2/v2/</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfflineFsckCommand</name>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="38"/>
        <source>Checks a Berth data directory offline: the metadata against the blob store both ways (missing blobs, corrupt manifests, dangling rows, upload leftovers, unreferenced blobs). Stop berthd first, or run &apos;berthctl fsck&apos; against the running server instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="42"/>
        <source>Repair what can be repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="45"/>
        <source>With --repair: also remove blobs nothing references (older than the garbage collection grace period).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="47"/>
        <source>Print the report as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="50"/>
        <source>The data directory to check (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="51"/>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="56"/>
        <source>See &apos;berthd fsck --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="66"/>
        <source>Unexpected argument &quot;%1&quot;. See &apos;berthd fsck --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="71"/>
        <source>--remove-unreferenced only applies with --repair: give both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="78"/>
        <source>There is no data directory at %1. Give the one berthd uses with --data DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="84"/>
        <source>Cannot open the registry data in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="94"/>
        <source>The check stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="113"/>
        <source>repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="113"/>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="113"/>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="118"/>
        <source>(the first %1 of %2 findings are shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="126"/>
        <source>Checked %1 manifests, %2 blobs and %3 upload sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="131"/>
        <source>Findings: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="135"/>
        <source>No problems remain; %1 repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="136"/>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="138"/>
        <source>%1 problem(s) remain that fsck cannot repair; %2 repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/OfflineFsckCommand.cpp" line="142"/>
        <source>%1 problem(s) found; run with --repair to repair what can be repaired.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalController</name>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="107"/>
        <location filename="../server/portal/PortalController.cpp" line="174"/>
        <location filename="../server/portal/PortalController.cpp" line="213"/>
        <source>Bad form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="142"/>
        <source>Signing in needs HTTPS: this page was opened over plain HTTP at %1, where the session cookie would travel unprotected (and browsers do not keep it). Open the portal at https://%1/portal/, or on this machine at http://localhost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="182"/>
        <source>Enter your user name and your password or auth token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../server/portal/PortalController.cpp" line="190"/>
        <source>Too many failed sign-ins. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Too many failed sign-ins. Wait %n second, then try again.</numerusform>
            <numerusform>Too many failed sign-ins. Wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="197"/>
        <source>The user name or the password is wrong. Use the same credentials as for docker login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="229"/>
        <location filename="../server/portal/PortalController.cpp" line="243"/>
        <source>Form refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="230"/>
        <source>The form was sent from another site (%1), not from %2. Open the page on this server and submit it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="237"/>
        <source>Session expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="238"/>
        <source>Your session has ended (or the browser does not keep cookies for this site). Open the page again and resubmit the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="244"/>
        <source>The form&apos;s security token is missing or does not belong to your session. Reload the page and submit the form again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="254"/>
        <source>Not here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="255"/>
        <source>This page does not accept %1 requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="264"/>
        <source>Page not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalController.cpp" line="265"/>
        <source>There is no page at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalHtml</name>
    <message>
        <location filename="../server/portal/PortalHtml.cpp" line="58"/>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalHtml.cpp" line="59"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalHtml.cpp" line="65"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalHtml.cpp" line="77"/>
        <source>Berth registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalHtml.cpp" line="78"/>
        <source>Pull with docker, podman or skopeo after signing in with docker login.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalPages</name>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="44"/>
        <source>You accepted version %1 of &quot;%2&quot; on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="47"/>
        <location filename="../server/portal/PortalPages.cpp" line="54"/>
        <location filename="../server/portal/PortalPages.cpp" line="66"/>
        <source>Read the licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="50"/>
        <source>You may push to this repository, so your pulls are not held back; everybody else accepts &quot;%1&quot; (version %2) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="57"/>
        <source>Accept the licence to pull: &quot;%1&quot; (version %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="59"/>
        <source>Read and accept the licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="62"/>
        <source>Sign in to accept the licence &quot;%1&quot; (version %2); pulls need it accepted first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="65"/>
        <source>Sign in to accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="88"/>
        <source>There are no public repositories. Sign in to see the ones you may use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="89"/>
        <source>There are no repositories you may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="95"/>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="100"/>
        <source>Licence &quot;%1&quot;, version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="101"/>
        <source>licence required</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../server/portal/PortalPages.cpp" line="109"/>
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="113"/>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="123"/>
        <source>Pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="125"/>
        <source>Nothing is tagged in this repository yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="138"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="146"/>
        <source>More tags are not shown; list them with skopeo list-tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="148"/>
        <source>No tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="157"/>
        <source>Back to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="162"/>
        <source>Version %1, published %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="173"/>
        <source>By clicking Continue you accept version %1 of this licence for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="175"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="179"/>
        <source>Licence for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="196"/>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="197"/>
        <source>Password or auth token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="197"/>
        <location filename="../server/portal/PortalPages.cpp" line="202"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="198"/>
        <source>Use the same user name and password (or auth token) as for docker login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalPages.cpp" line="208"/>
        <source>Go to the list of repositories</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalRepositoryPages</name>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="59"/>
        <source>There is no repository %1, or you may not see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="60"/>
        <source>There is no public repository %1. If it is not public, sign in to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="62"/>
        <source>Repository not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="69"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="70"/>
        <source>The registry could not %1. Try again; if it keeps failing, tell the registry&apos;s administrator (the server log has the details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="80"/>
        <source>list the repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="84"/>
        <source>list the repositories&apos; licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="111"/>
        <source>read the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="126"/>
        <source>check the repository&apos;s licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="144"/>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="185"/>
        <source>read the repository&apos;s licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="148"/>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="201"/>
        <source>No licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="149"/>
        <source>Repository %1 needs no licence: pull it as usual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="173"/>
        <source>Not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="174"/>
        <source>You may not pull from %1, so there is no licence for you to accept. Ask the registry&apos;s administrator for read access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="194"/>
        <source>The licence changed since you opened it: you read version %1, and version %2 is in force now. Read it below and click Continue to accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/portal/PortalRepositoryPages.cpp" line="202"/>
        <source>record that you accepted the licence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreCommand</name>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="29"/>
        <source>Blobs restored: %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="49"/>
        <source>Restores a Berth backup into an empty data directory. Stop berthd first if it uses that directory; start it on the directory afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="52"/>
        <source>The command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="53"/>
        <source>The backup folder (it holds backup.json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="55"/>
        <source>The data directory to restore into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="58"/>
        <source>Replace what DIR holds (it is deleted first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="61"/>
        <source>berthd&apos;s config file: its &quot;storage&quot; fault domains receive the blobs, and its &quot;data&quot; is the default for --data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="75"/>
        <source>Unexpected arguments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="88"/>
        <source>Say which backup and where: berthd restore --from BACKUP --data DIR [--config FILE]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="100"/>
        <source>Restore failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/RestoreCommand.cpp" line="104"/>
        <source>Restored the backup of %1 (%2 repositories, %3 manifests, %4 tags, %5 blobs, %6) into %7. Start berthd with --data %7.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TlsCredentials</name>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="27"/>
        <source>Cannot read the TLS %1 file %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="31"/>
        <source>The TLS %1 file %2 is larger than 1 MiB; it is not a PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="52"/>
        <source>certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="56"/>
        <source>The TLS certificate file %1 is not a PEM certificate: it has no &quot;%2&quot; line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="73"/>
        <source>The TLS certificate file %1 has a damaged or cut-short certificate (number %2 in the file); export it again in PEM format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="81"/>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="85"/>
        <source>The TLS key file %1 is protected by a passphrase; berthd needs it without one (openssl pkey -in %1 -out server-key.pem writes such a copy; keep it readable by berthd only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="92"/>
        <source>The TLS key file %1 is not a PEM private key: it has no &quot;-----BEGIN PRIVATE KEY-----&quot; line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="105"/>
        <source>The TLS key file %1 has a damaged or cut-short private key; export it again in PEM format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="112"/>
        <source>The private key in %1 does not belong to the certificate in %2; give the key that was made together with that certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="127"/>
        <source>The TLS key in %1 is neither an RSA nor an EC key; berthd serves HTTPS with RSA or EC keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="135"/>
        <source>Cannot use the TLS key in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="141"/>
        <source>Qt&apos;s TLS backend cannot use the certificate in %1 or the key in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="152"/>
        <source>The TLS certificate in %1 expired on %2; clients will refuse it until you replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="156"/>
        <source>The TLS certificate in %1 is not valid before %2; clients will refuse it until then (is this machine&apos;s clock right?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::Daemon</name>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="60"/>
        <source>Cannot open the registry data in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="67"/>
        <source>Created the administrator &quot;%1&quot; with the password %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="69"/>
        <source>This password is shown only now: keep it somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="71"/>
        <source>Created the administrator &quot;%1&quot; with the password from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="85"/>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="107"/>
        <source>Job %1 started: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="110"/>
        <source>Job %1 (%2) ended: %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="122"/>
        <source>Cannot serve HTTPS: Qt&apos;s TLS backend is not available (is OpenSSL 3 installed?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="134"/>
        <source>Cannot set up HTTPS with a local CA: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="138"/>
        <source>Issued a new HTTPS certificate, %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="150"/>
        <source>Cannot serve HTTPS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="162"/>
        <source>Cannot watch for SIGTERM; stop berthd with SIGKILL if needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="182"/>
        <source>Second stop signal: quitting without waiting for requests in flight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="187"/>
        <source>Stopping: no new connections; waiting for %1 open connection(s) to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="203"/>
        <source>Cannot write the ready file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="219"/>
        <source>Berth %1 is serving the registry at %2 with its data in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="228"/>
        <source>Its certificate comes from the local CA %1; clients must trust that CA (README.md, &quot;HTTPS&quot;, says how).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="233"/>
        <source>Sign in first (user admin, or a user an administrator made, with a password or an auth token), then push and pull:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="260"/>
        <source>Press Ctrl+C to stop.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LicenceQueries</name>
    <message>
        <location filename="../core/licensing/LicenceQueries.cpp" line="67"/>
        <source>There is no repository %1; check the name (berthctl repos list shows them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceQueries.cpp" line="77"/>
        <source>There is no %1; check the path (names from the tenancy down, joined by &apos;:&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LicenceStore</name>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="74"/>
        <source>The version is empty: give the licence a version, such as 1 or 2026-11.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="76"/>
        <source>The version is longer than %1 characters: shorten it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="78"/>
        <source>The version &quot;%1&quot; may only use letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;+&apos; and &apos;-&apos;: change it (for example 2 or 2026-11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="85"/>
        <source>The title is empty: give the licence a title, such as &quot;Example Licence&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="87"/>
        <source>The title is %1 characters long: shorten it to at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="91"/>
        <source>The title must be one line: remove its line breaks and control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="95"/>
        <source>The format must be text or markdown: choose one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="98"/>
        <source>The licence text is empty: give the text people must accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="102"/>
        <source>The licence text is %1 bytes long (UTF-8): at most %2 bytes (1 MiB) are accepted; shorten it or link to the full text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="158"/>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="160"/>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="162"/>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="165"/>
        <source>Version %1 of the licence on %2 was published with a different %3, and a published version never changes: publish the new text as a new version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="167"/>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="199"/>
        <source>The licence was stored but could not be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="216"/>
        <source>%1 has no licence of its own: nothing to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="256"/>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="111"/>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="188"/>
        <source>There is no repository %1; check the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="301"/>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="177"/>
        <source>There is no licence %1; list the licences to find its id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="95"/>
        <source>Only a signed-in user can accept a licence: sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="98"/>
        <source>The version is empty: say which version of the licence you read and accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="100"/>
        <source>The channel is longer than %1 characters: use portal, api, cli or console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="114"/>
        <source>Repository %1 needs no licence: there is nothing to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="118"/>
        <source>Version %1 of the licence &quot;%2&quot; is no longer in force for %3: version %4 is. Read version %4 and accept that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="137"/>
        <source>The acceptance was stored but could not be read back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
