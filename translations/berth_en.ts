<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Daemon</name>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="50"/>
        <source>Cannot open the registry data in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="65"/>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="82"/>
        <source>Cannot watch for SIGTERM; stop berthd with SIGKILL if needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="102"/>
        <source>Second stop signal: quitting without waiting for requests in flight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="107"/>
        <source>Stopping: no new connections; waiting for %1 open connection(s) to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="122"/>
        <source>Cannot write the ready file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="134"/>
        <source>Berth %1 is serving the registry at http://%2 with its data in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="137"/>
        <source>Use it with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/Daemon.cpp" line="145"/>
        <source>Press Ctrl+C to stop.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DaemonOptions</name>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="27"/>
        <source>&quot;http.%1&quot; must be a number of seconds between 1 and 86400.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="48"/>
        <source>&quot;%1&quot; is not an address to listen on; write it as HOST:PORT, e.g. 127.0.0.1:5000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="60"/>
        <source>&quot;%1&quot; is not an IP address; give the numeric address to listen on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="72"/>
        <source>Cannot read the config file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="76"/>
        <source>The config file %1 is larger than 1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="82"/>
        <source>The config file %1 is not valid JSON: %2 at byte %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="85"/>
        <source>The config file %1 must hold a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="93"/>
        <source>The config file %1 has an unknown setting &quot;%2&quot;; known settings: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="118"/>
        <source>Berth&apos;s headless registry server: an OCI / Docker Registry V2 server for docker, podman, skopeo and helm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="123"/>
        <source>Address and port to listen on (default 127.0.0.1:5000; port 0 picks a free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="125"/>
        <source>HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="127"/>
        <source>Directory for the registry&apos;s data (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="128"/>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="129"/>
        <source>Read settings from a JSON file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="129"/>
        <location filename="../server/daemon/DaemonOptions.cpp" line="131"/>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="131"/>
        <source>Once listening, write the address (HOST:PORT) to this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="133"/>
        <source>How much to log: debug, info, warning or error (default info).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="134"/>
        <source>LEVEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="138"/>
        <source>(see berthd --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="150"/>
        <source>Unexpected argument &quot;%1&quot; (see berthd --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../server/daemon/DaemonOptions.cpp" line="174"/>
        <source>Unknown log level &quot;%1&quot;; use debug, info, warning or error.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berthd</name>
    <message>
        <location filename="../server/daemon/main.cpp" line="35"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
