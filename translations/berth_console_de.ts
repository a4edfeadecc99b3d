<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ArchiveJobs</name>
    <message numerus="yes">
        <location filename="../app/console/actions/ArchiveJobs.cpp" line="+18"/>
        <source>Exported %n image(s) (%1) to %2</source>
        <translation>
            <numerusform>%n Image (%1) nach %2 exportiert</numerusform>
            <numerusform>%n Images (%1) nach %2 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Import %1 into %2</source>
        <translation>%1 in %2 importieren</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Imported %n image(s) (%1): %2</source>
        <translation>
            <numerusform>%n Image importiert (%1): %2</numerusform>
            <numerusform>%n Images importiert (%1): %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+15"/>
        <source>Export %1 to %2</source>
        <translation>%1 nach %2 exportieren</translation>
    </message>
</context>
<context>
    <name>ArchiveWriter</name>
    <message>
        <location filename="../core/archive/ArchiveWriter.cpp" line="+20"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2). Check that the folder exists, that you may write there and that the disk has room.</source>
        <translation>%1 (%2). Prüfen Sie, ob der Ordner existiert, ob Sie dort schreiben dürfen und ob auf dem Datenträger genug Platz ist.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not start writing %1: out of memory.</source>
        <translation>%1 konnte nicht geschrieben werden: nicht genug Arbeitsspeicher.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not set up the archive %1</source>
        <translation>Das Archiv %1 konnte nicht eingerichtet werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Could not set up gzip compression for %1</source>
        <translation>Die gzip-Komprimierung für %1 konnte nicht eingerichtet werden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not create %1</source>
        <translation>%1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+40"/>
        <location line="+18"/>
        <source>The archive is not open.</source>
        <translation>Das Archiv ist nicht geöffnet.</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>The previous entry of %1 is %2 bytes short.</source>
        <translation>Dem vorigen Eintrag von %1 fehlen %2 Bytes.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+31"/>
        <source>Could not write to %1</source>
        <translation>In %1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>More bytes than announced for an entry of %1.</source>
        <translation>Mehr Bytes als angekündigt für einen Eintrag von %1.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The last entry of %1 is %2 bytes short.</source>
        <translation>Dem letzten Eintrag von %1 fehlen %2 Bytes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not finish writing %1</source>
        <translation>%1 konnte nicht fertig geschrieben werden</translation>
    </message>
</context>
<context>
    <name>DialogPrompter</name>
    <message>
        <location filename="../app/console/dialogs/Prompter.cpp" line="+24"/>
        <source>Create compartment</source>
        <translation>Compartment anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+56"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>letters, digits, - _ .</source>
        <translation>Buchstaben, Ziffern, - _ .</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inside:</source>
        <translation>Innerhalb von:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename compartment</source>
        <translation>Compartment umbenennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Create repository</source>
        <translation>Repository anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>team/app</source>
        <translation>team/app</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compartment:</source>
        <translation>Compartment:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use lowercase letters, digits and the separators . _ - and /, starting and ending with a letter or digit (for example team/app).</source>
        <translation>Verwenden Sie Kleinbuchstaben, Ziffern und die Trennzeichen . _ - und /; am Anfang und am Ende muss ein Buchstabe oder eine Ziffer stehen (zum Beispiel team/app).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import images</source>
        <translation>Images importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image archives and Helm charts (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz *.tar.bz2);;All files (*)</source>
        <translation>Image-Archive und Helm-Charts (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz *.tar.bz2);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ExportPlanner</name>
    <message>
        <location filename="../core/archive/ExportPlanner.cpp" line="+37"/>
        <source>An image of %1 to export has neither a tag nor a digest. Choose a tag or a digest.</source>
        <translation>Ein zu exportierendes Image von %1 hat weder einen Tag noch einen Digest. Wählen Sie einen Tag oder einen Digest.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not export %1: %2</source>
        <translation>%1 konnte nicht exportiert werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The manifest %1 of %2 stored in the registry cannot be read: %3</source>
        <translation>Das in der Registry gespeicherte Manifest %1 von %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The index %1 in %2 nests other indexes more than %3 deep; it cannot be exported.</source>
        <translation>Der Index %1 in %2 verschachtelt andere Indizes mehr als %3 Ebenen tief; er kann nicht exportiert werden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The index %1 in %2 gives %3 bytes for %4, but the registry holds %5.</source>
        <translation>Der Index %1 in %2 gibt %3 Bytes für %4 an, die Registry enthält aber %5.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The entry of %1 for %2 is not an image. Export it as an OCI archive instead.</source>
        <translation>Der Eintrag von %1 für %2 ist kein Image. Exportieren Sie ihn stattdessen als OCI-Archiv.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a Helm chart, not a container image, so it cannot go into a Docker archive. Export it as an OCI archive instead.</source>
        <translation>%1 ist ein Helm-Chart und kein Container-Image und kann daher nicht in ein Docker-Archiv. Exportieren Sie es stattdessen als OCI-Archiv.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is an artifact of type %2, not a container image, so it cannot go into a Docker archive. Export it as an OCI archive instead.</source>
        <translation>%1 ist ein Artefakt vom Typ %2 und kein Container-Image und kann daher nicht in ein Docker-Archiv. Exportieren Sie es stattdessen als OCI-Archiv.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1 is a multi-platform index that names no platforms, so there is no image for %2 to put into a Docker archive. Export it as an OCI archive instead.</source>
        <translation>%1 ist ein Multi-Plattform-Index ohne Plattformangaben, daher gibt es kein Image für %2, das in ein Docker-Archiv passt. Exportieren Sie es stattdessen als OCI-Archiv.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no image for %2. It has: %3. Choose one of those platforms, or export an OCI archive, which keeps them all.</source>
        <translation>%1 hat kein Image für %2. Vorhanden sind: %3. Wählen Sie eine dieser Plattformen oder exportieren Sie ein OCI-Archiv, das alle enthält.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The index of %1 gives %2 bytes for its %3 image, but the registry holds %4.</source>
        <translation>Der Index von %1 gibt %2 Bytes für sein %3-Image an, die Registry enthält aber %4.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 needs the blob %2, which the registry does not hold in %3: %4</source>
        <translation>%1 benötigt den Blob %2, den die Registry in %3 nicht enthält: %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The manifest of %1 gives %2 bytes for the blob %3, but the registry holds %4.</source>
        <translation>Das Manifest von %1 gibt %2 Bytes für den Blob %3 an, die Registry enthält aber %4.</translation>
    </message>
</context>
<context>
    <name>ExportPlatform</name>
    <message>
        <location filename="../core/archive/ExportPlatform.cpp" line="+15"/>
        <source>&quot;%1&quot; is not a platform. Write it as os/architecture, for example linux/amd64 or linux/arm64/v8.</source>
        <translation>„%1“ ist keine Plattform. Schreiben Sie sie als Betriebssystem/Architektur, zum Beispiel linux/amd64 oder linux/arm64/v8.</translation>
    </message>
</context>
<context>
    <name>ExportWriter</name>
    <message>
        <location filename="../core/archive/ExportWriter.cpp" line="+18"/>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Writing blob %1 of %2 (%3)</source>
        <translation>Blob %1 von %2 wird geschrieben (%3)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Finishing the archive</source>
        <translation>Archiv wird fertiggestellt</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The blob %1 in the registry ended after %2 of its %3 bytes: it is damaged. Run a scrub to find damaged blobs, then push the image again.</source>
        <translation>Der Blob %1 in der Registry endet nach %2 seiner %3 Bytes: Er ist beschädigt. Führen Sie eine Integritätsprüfung aus, um beschädigte Blobs zu finden, und pushen Sie das Image dann erneut.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The blob %1 in the registry no longer matches its digest: it is damaged. Run a scrub to find damaged blobs, then push the image again.</source>
        <translation>Der Blob %1 in der Registry passt nicht mehr zu seinem Digest: Er ist beschädigt. Führen Sie eine Integritätsprüfung aus, um beschädigte Blobs zu finden, und pushen Sie das Image dann erneut.</translation>
    </message>
</context>
<context>
    <name>GarbageCollector</name>
    <message>
        <location filename="../core/gc/GarbageCollector.cpp" line="+106"/>
        <source>Finding what nothing references</source>
        <translation>Suche, worauf nichts verweist</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Deleting untagged manifests</source>
        <translation>Lösche Manifeste ohne Tag</translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <source>Removing %n unreferenced blob(s)</source>
        <translation>
            <numerusform>Entferne %n nicht referenzierten Blob</numerusform>
            <numerusform>Entferne %n nicht referenzierte Blobs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/gc/GcJob.cpp" line="+43"/>
        <source>Garbage collection (dry run)</source>
        <translation>Speicherbereinigung (Probelauf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled garbage collection</source>
        <translation>Geplante Speicherbereinigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Garbage collection</source>
        <translation>Speicherbereinigung</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/gc/GcRunSummary.cpp" line="+55"/>
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n Blob</numerusform>
            <numerusform>%n Blobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n Manifest</numerusform>
            <numerusform>%n Manifeste</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run would remove %1 and %2, freeing %3.</source>
        <translation>Ein Lauf würde %1 und %2 entfernen und %3 freigeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled after removing %1 and %2, freeing %3.</source>
        <translation>Abgebrochen, nachdem %1 und %2 entfernt und %3 freigegeben wurden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed %1 and %2, freeing %3.</source>
        <translation>%1 und %2 entfernt, %3 freigegeben.</translation>
    </message>
</context>
<context>
    <name>ImageExporter</name>
    <message>
        <location filename="../core/archive/ImageExporter.cpp" line="+36"/>
        <source>The archive was written to %1 but could not be renamed to %2. Check that you may replace files in that folder.</source>
        <translation>Das Archiv wurde nach %1 geschrieben, konnte aber nicht in %2 umbenannt werden. Prüfen Sie, ob Sie in diesem Ordner Dateien ersetzen dürfen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is nothing to export: choose at least one image.</source>
        <translation>Es gibt nichts zu exportieren: Wählen Sie mindestens ein Image.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei, in die exportiert werden soll.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the images to export</source>
        <translation>Zu exportierende Images werden gelesen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export was cancelled; nothing was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The export was cancelled; %1 was not written.</source>
        <translation>Der Export wurde abgebrochen; %1 wurde nicht geschrieben.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 has no tagged images to export. Tag an image first, or export it by digest.</source>
        <translation>%1 hat keine getaggten Images zum Exportieren. Versehen Sie zuerst ein Image mit einem Tag oder exportieren Sie es über seinen Digest.</translation>
    </message>
</context>
<context>
    <name>ImageImporter</name>
    <message>
        <location filename="../core/archive/ArchiveReader.cpp" line="+26"/>
        <source>%1 is not an image archive: %2</source>
        <translation>%1 ist kein Image-Archiv: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is corrupt or truncated: %2</source>
        <translation>%1 ist beschädigt oder abgeschnitten: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not start reading %1</source>
        <translation>%1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it could not be opened</source>
        <translation>es konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 is not an image archive: it holds no files</source>
        <translation>%1 ist kein Image-Archiv: Es enthält keine Dateien</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+59"/>
        <source>its contents could not be read</source>
        <translation>sein Inhalt konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>%1 is refused: it holds the entry &quot;%2&quot;, which points outside the archive</source>
        <translation>%1 wird abgelehnt: Es enthält den Eintrag „%2“, der aus dem Archiv hinaus zeigt</translation>
    </message>
    <message>
        <location filename="../core/archive/ArchiveScan.cpp" line="+17"/>
        <location filename="../core/archive/ImportSession.cpp" line="+37"/>
        <source>The import was cancelled; nothing was imported</source>
        <translation>Der Import wurde abgebrochen; es wurde nichts importiert</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 is not an image archive: it holds more than %2 files</source>
        <translation>%1 ist kein Image-Archiv: Es enthält mehr als %2 Dateien</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is refused: its %2 is larger than 4 MiB</source>
        <translation>%1 wird abgelehnt: Seine Datei %2 ist größer als 4 MiB</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 is refused: its Chart.yaml is larger than 1 MiB</source>
        <translation>%1 wird abgelehnt: Seine Chart.yaml ist größer als 1 MiB</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is not an image archive: its OCI layout has no index.json</source>
        <translation>%1 ist kein Image-Archiv: Sein OCI-Layout hat keine index.json</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not an image archive: it has no manifest.json, index.json or Chart.yaml</source>
        <translation>%1 ist kein Image-Archiv: Es hat weder manifest.json noch index.json noch Chart.yaml</translation>
    </message>
    <message>
        <location filename="../core/archive/ImageImporter.cpp" line="+22"/>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read: check its permissions</source>
        <translation>%1 kann nicht gelesen werden: Prüfen Sie die Zugriffsrechte</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is not an image archive: the folder has no oci-layout file, so it is not an OCI image layout</source>
        <translation>%1 ist kein Image-Archiv: Der Ordner hat keine Datei oci-layout und ist daher kein OCI-Image-Layout</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Docker archive</source>
        <translation>Docker-Archiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCI archive</source>
        <translation>OCI-Archiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCI layout folder</source>
        <translation>OCI-Layout-Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Helm chart</source>
        <translation>Helm-Chart</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading the OCI layout %1</source>
        <translation>OCI-Layout %1 wird gelesen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the contents of %1</source>
        <translation>Inhalt von %1 wird gelesen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Importing %1 (%2)</source>
        <translation>%1 wird importiert (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Imported %n image(s)</source>
        <translation>
            <numerusform>%n Image importiert</numerusform>
            <numerusform>%n Images importiert</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/archive/ImportDockerArchive.cpp" line="+38"/>
        <source>its manifest.json is not a JSON list (%1)</source>
        <translation>seine manifest.json ist keine JSON-Liste (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its manifest.json names &quot;%1&quot;, which the archive does not contain</source>
        <translation>seine manifest.json nennt „%1“, das im Archiv fehlt</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>its manifest.json lists no images</source>
        <translation>seine manifest.json führt keine Images auf</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Writing file %1 of %2</source>
        <translation>Datei %1 von %2 wird geschrieben</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>its file &quot;%1&quot; could not be read</source>
        <translation>seine Datei „%1“ konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../core/archive/ImportHelmChart.cpp" line="+21"/>
        <source>its Chart.yaml has no name</source>
        <translation>seine Chart.yaml hat keinen Namen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its Chart.yaml has no version</source>
        <translation>seine Chart.yaml hat keine Version</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Writing chart %1 %2</source>
        <translation>Chart %1 %2 wird geschrieben</translation>
    </message>
    <message>
        <location filename="../core/archive/ImportSession.cpp" line="+38"/>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../core/archive/ImportManifestGraph.cpp" line="+50"/>
        <source>its manifests nest too deeply or refer to each other in a circle</source>
        <translation>seine Manifeste sind zu tief verschachtelt oder verweisen im Kreis aufeinander</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it names manifest %1, which the archive does not contain</source>
        <translation>es nennt das Manifest %1, das im Archiv fehlt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>manifest %1 is corrupt: its bytes do not match its digest</source>
        <translation>Manifest %1 ist beschädigt: Seine Bytes passen nicht zu seinem Digest</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>manifest %1 is %2 bytes, not %3 as its descriptor says</source>
        <translation>Manifest %1 hat %2 Bytes, nicht %3, wie sein Deskriptor angibt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its manifests add up to more than 64 MiB</source>
        <translation>seine Manifeste sind zusammen größer als 64 MiB</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>manifest %1 is not valid: %2</source>
        <translation>Manifest %1 ist ungültig: %2</translation>
    </message>
    <message>
        <location filename="../core/archive/ImportOciLayout.cpp" line="+40"/>
        <source>%1 is larger than 4 MiB</source>
        <translation>%1 ist größer als 4 MiB</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>its index.json is not a JSON object (%1)</source>
        <translation>seine index.json ist kein JSON-Objekt (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its index.json has no &quot;manifests&quot; list</source>
        <translation>seine index.json hat keine Liste „manifests“</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its index.json lists an entry without a valid digest</source>
        <translation>seine index.json führt einen Eintrag ohne gültigen Digest auf</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>its index.json lists no images</source>
        <translation>seine index.json führt keine Images auf</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Reading blob %1</source>
        <translation>Blob %1 wird gelesen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>manifest %1 is larger than 4 MiB</source>
        <translation>Manifest %1 ist größer als 4 MiB</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a manifest references blob %1, which the archive does not contain</source>
        <translation>ein Manifest verweist auf den Blob %1, der im Archiv fehlt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>blob %1 is %2 bytes, not %3 as its manifest says</source>
        <translation>Blob %1 hat %2 Bytes, nicht %3, wie sein Manifest angibt</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the folder has no index.json</source>
        <translation>der Ordner hat keine index.json</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>a manifest references blob %1, which the folder does not contain</source>
        <translation>ein Manifest verweist auf den Blob %1, der im Ordner fehlt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Writing blob %1 of %2</source>
        <translation>Blob %1 von %2 wird geschrieben</translation>
    </message>
    <message>
        <location filename="../core/archive/ImportSession.cpp" line="-46"/>
        <source>%1 is not a valid image archive: %2</source>
        <translation>%1 ist kein gültiges Image-Archiv: %2</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>&quot;%1&quot; is not a valid repository name: use lowercase letters, digits and separators (., _, -, /)</source>
        <translation>„%1“ ist kein gültiger Repository-Name: Verwenden Sie Kleinbuchstaben, Ziffern und Trennzeichen (., _, -, /)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it does not name a repository; choose one to import into</source>
        <translation>es nennt kein Repository; wählen Sie eines, in das importiert werden soll</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it names the repository &quot;%1&quot;, which is not a valid repository name; choose a repository to import into</source>
        <translation>es nennt das Repository „%1“, das kein gültiger Repository-Name ist; wählen Sie ein Repository, in das importiert werden soll</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>it names the tag &quot;%1&quot;, which is not a valid tag</source>
        <translation>es nennt den Tag „%1“, der kein gültiger Tag ist</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>blob %1 is corrupt: its bytes do not match its digest</source>
        <translation>Blob %1 ist beschädigt: Seine Bytes passen nicht zu seinem Digest</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>blob %1 is corrupt: its bytes have digest %2</source>
        <translation>Blob %1 ist beschädigt: Seine Bytes haben den Digest %2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Storing manifest %1 of %2</source>
        <translation>Manifest %1 von %2 wird gespeichert</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../core/jobs/Job.cpp" line="+11"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Garbage collection</source>
        <translation>Speicherbereinigung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scrub</source>
        <translation>Integritätsprüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consistency check</source>
        <translation>Konsistenzprüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+10"/>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>LicenceScope</name>
    <message>
        <location filename="../core/licensing/Licence.cpp" line="+10"/>
        <source>repository %1</source>
        <translation>Repository %1</translation>
    </message>
</context>
<context>
    <name>LocalCertificateAuthority</name>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="+210"/>
        <location line="+8"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Cannot create the folder %1 for the local CA.</source>
        <translation>Der Ordner %1 für die lokale CA kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The local CA in %1 cannot be used: ca.crt or ca.key is missing or damaged, or they do not belong together. Move ca.crt, ca.key, server.crt and server.key out of that folder; berthd then makes a new CA, which clients must be told to trust again.</source>
        <translation>Die lokale CA in %1 kann nicht verwendet werden: ca.crt oder ca.key fehlt oder ist beschädigt, oder die beiden gehören nicht zusammen. Verschieben Sie ca.crt, ca.key, server.crt und server.key aus diesem Ordner; berthd legt dann eine neue CA an, der die Clients erneut vertrauen müssen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot make a key for the local CA: %1.</source>
        <translation>Für die lokale CA kann kein Schlüssel erzeugt werden: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Berth local CA</source>
        <translation>Lokale CA von Berth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Berth local CA on %1</source>
        <translation>Lokale CA von Berth auf %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot make the local CA&apos;s certificate: %1.</source>
        <translation>Das Zertifikat der lokalen CA kann nicht erzeugt werden: %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the local CA expires soon; a new one was made</source>
        <translation>die lokale CA läuft bald ab; es wurde eine neue angelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a new local CA was made</source>
        <translation>es wurde eine neue lokale CA angelegt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>server.crt or server.key was damaged or they did not belong together</source>
        <translation>server.crt oder server.key war beschädigt, oder die beiden gehörten nicht zusammen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there was no server certificate yet</source>
        <translation>es gab noch kein Serverzertifikat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server certificate was not signed by the local CA</source>
        <translation>das Serverzertifikat war nicht von der lokalen CA signiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the server certificate expires on %1</source>
        <translation>das Serverzertifikat läuft am %1 ab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server certificate does not name %1</source>
        <translation>das Serverzertifikat nennt %1 nicht</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot make a key for the server certificate: %1.</source>
        <translation>Für das Serverzertifikat kann kein Schlüssel erzeugt werden: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot make the server certificate: %1.</source>
        <translation>Das Serverzertifikat kann nicht erzeugt werden: %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>berthd made a local certificate authority (CA) for HTTPS; clients trust berthd once they trust it.</source>
        <translation>berthd hat eine lokale Zertifizierungsstelle (CA) für HTTPS angelegt; Clients vertrauen berthd, sobald sie ihr vertrauen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  The CA certificate: %1</source>
        <translation>  Das CA-Zertifikat: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  docker:          mkdir -p /etc/docker/certs.d/%1 &amp;&amp; cp %2 /etc/docker/certs.d/%1/ca.crt</source>
        <translation>  docker:          mkdir -p /etc/docker/certs.d/%1 &amp;&amp; cp %2 /etc/docker/certs.d/%1/ca.crt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  podman, skopeo:  mkdir -p /etc/containers/certs.d/%1 &amp;&amp; cp %2 /etc/containers/certs.d/%1/ca.crt</source>
        <translation>  podman, skopeo:  mkdir -p /etc/containers/certs.d/%1 &amp;&amp; cp %2 /etc/containers/certs.d/%1/ca.crt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>                   or per command: a folder holding ca.crt, given as podman --cert-dir DIR, skopeo --src-cert-dir DIR / --dest-cert-dir DIR</source>
        <translation>                   oder pro Befehl: ein Ordner mit ca.crt, angegeben als podman --cert-dir DIR, skopeo --src-cert-dir DIR / --dest-cert-dir DIR</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  system store:    cp %1 /usr/local/share/ca-certificates/berth-local-ca.crt &amp;&amp; update-ca-certificates</source>
        <translation>  Systemspeicher:  cp %1 /usr/local/share/ca-certificates/berth-local-ca.crt &amp;&amp; update-ca-certificates</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  curl:            curl --cacert %1 https://%2/v2/</source>
        <translation>  curl:            curl --cacert %1 https://%2/v2/</translation>
    </message>
</context>
<context>
    <name>PullIntoEngineJob</name>
    <message>
        <location filename="../app/console/actions/PullIntoEngineJob.cpp" line="+43"/>
        <source>Pull %1 into Docker/Podman</source>
        <translation>%1 in Docker/Podman pullen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Neither podman nor docker was found on PATH (%1). Install one of them, or use Image &gt; Export… and load the archive yourself.</source>
        <translation>Weder podman noch docker wurde im PATH (%1) gefunden. Installieren Sie eines davon, oder verwenden Sie Image &gt; Image exportieren… und laden Sie das Archiv selbst.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not create a temporary directory in %1: %2</source>
        <translation>In %1 konnte kein temporäres Verzeichnis angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting %1</source>
        <translation>%1 wird exportiert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading into %1</source>
        <translation>Wird in %1 geladen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not run %1: %2</source>
        <translation>%1 konnte nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelled while %1 was loading %2.</source>
        <translation>Abgebrochen, während %1 %2 geladen hat.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it crashed</source>
        <translation>es ist abgestürzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed (%2), so %3 was not loaded. Its output: %4</source>
        <translation>%1 ist fehlgeschlagen (%2), daher wurde %3 nicht geladen. Ausgabe: %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded %1 (%2) into %3: %4</source>
        <translation>%1 (%2) in %3 geladen: %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no output</source>
        <translation>keine Ausgabe</translation>
    </message>
</context>
<context>
    <name>RetentionBrowser</name>
    <message>
        <location filename="../app/console/data/RetentionBrowser.cpp" line="+18"/>
        <source>repository %1</source>
        <translation>Repository %1</translation>
    </message>
</context>
<context>
    <name>RetentionJob</name>
    <message>
        <location filename="../core/retention/RetentionJob.cpp" line="+40"/>
        <source>Retention policy %1</source>
        <translation>Aufbewahrungsrichtlinie %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled retention</source>
        <translation>Geplante Aufbewahrung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
</context>
<context>
    <name>RetentionPolicy</name>
    <message>
        <location filename="../core/retention/RetentionPolicy.cpp" line="+10"/>
        <source>repository %1</source>
        <translation>Repository %1</translation>
    </message>
</context>
<context>
    <name>RetentionSnapshot</name>
    <message>
        <location filename="../core/retention/RetentionSnapshot.cpp" line="+21"/>
        <source>There is no repository %1.</source>
        <translation>Es gibt kein Repository %1.</translation>
    </message>
</context>
<context>
    <name>TlsCredentials</name>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="+27"/>
        <source>Cannot read the TLS %1 file %2: %3.</source>
        <translation>Die TLS-Datei (%1) %2 kann nicht gelesen werden: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS %1 file %2 is larger than 1 MiB; it is not a PEM file.</source>
        <translation>Die TLS-Datei (%1) %2 ist größer als 1 MiB; sie ist keine PEM-Datei.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS certificate file %1 is not a PEM certificate: it has no &quot;%2&quot; line.</source>
        <translation>Die TLS-Zertifikatsdatei %1 ist kein PEM-Zertifikat: Ihr fehlt die Zeile „%2“.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The TLS certificate file %1 has a damaged or cut-short certificate (number %2 in the file); export it again in PEM format.</source>
        <translation>Die TLS-Zertifikatsdatei %1 enthält ein beschädigtes oder abgeschnittenes Zertifikat (Nummer %2 in der Datei); exportieren Sie es erneut im PEM-Format.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS key file %1 is protected by a passphrase; berthd needs it without one (openssl pkey -in %1 -out server-key.pem writes such a copy; keep it readable by berthd only).</source>
        <translation>Die TLS-Schlüsseldatei %1 ist mit einer Passphrase geschützt; berthd braucht sie ohne (openssl pkey -in %1 -out server-key.pem schreibt eine solche Kopie; sie sollte nur für berthd lesbar sein).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The TLS key file %1 is not a PEM private key: it has no &quot;-----BEGIN PRIVATE KEY-----&quot; line.</source>
        <translation>Die TLS-Schlüsseldatei %1 ist kein privater PEM-Schlüssel: Ihr fehlt die Zeile „-----BEGIN PRIVATE KEY-----“.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The TLS key file %1 has a damaged or cut-short private key; export it again in PEM format.</source>
        <translation>Die TLS-Schlüsseldatei %1 enthält einen beschädigten oder abgeschnittenen privaten Schlüssel; exportieren Sie ihn erneut im PEM-Format.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The private key in %1 does not belong to the certificate in %2; give the key that was made together with that certificate.</source>
        <translation>Der private Schlüssel in %1 gehört nicht zum Zertifikat in %2; geben Sie den Schlüssel an, der zusammen mit diesem Zertifikat erzeugt wurde.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The TLS key in %1 is neither an RSA nor an EC key; berthd serves HTTPS with RSA or EC keys.</source>
        <translation>Der TLS-Schlüssel in %1 ist weder ein RSA- noch ein EC-Schlüssel; berthd stellt HTTPS nur mit RSA- oder EC-Schlüsseln bereit.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot use the TLS key in %1: %2.</source>
        <translation>Der TLS-Schlüssel in %1 kann nicht verwendet werden: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Qt&apos;s TLS backend cannot use the certificate in %1 or the key in %2.</source>
        <translation>Das TLS-Backend von Qt kann das Zertifikat in %1 oder den Schlüssel in %2 nicht verwenden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The TLS certificate in %1 expired on %2; clients will refuse it until you replace it.</source>
        <translation>Das TLS-Zertifikat in %1 ist am %2 abgelaufen; Clients lehnen es ab, bis Sie es ersetzen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS certificate in %1 is not valid before %2; clients will refuse it until then (is this machine&apos;s clock right?).</source>
        <translation>Das TLS-Zertifikat in %1 ist erst ab %2 gültig; Clients lehnen es bis dahin ab (geht die Uhr dieses Rechners richtig?).</translation>
    </message>
</context>
<context>
    <name>UsageDashboard</name>
    <message>
        <location filename="../app/console/views/UsageDashboardCharts.cpp" line="+48"/>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Storage over time</source>
        <translation>Speicherbelegung im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Egress per day</source>
        <translation>Egress pro Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest repositories</source>
        <translation>Größte Repositorys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repositories with the most egress</source>
        <translation>Repositorys mit dem meisten Egress</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+9"/>
        <source>Stored GB</source>
        <translation>Gespeicherte GB</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+30"/>
        <source>Egress GB</source>
        <translation>Egress in GB</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>berth</name>
    <message>
        <location filename="../core/registry/RegistryServiceRetention.cpp" line="+39"/>
        <source>It is no longer in the repository.</source>
        <translation>Es ist nicht mehr im Repository.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It was deleted and pushed again since the plan was made.</source>
        <translation>Es wurde seit der Planung gelöscht und erneut hochgeladen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It was pushed again since the plan was made.</source>
        <translation>Es wurde seit der Planung erneut hochgeladen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tag %1 was set on it since the plan was made.</source>
        <translation>Seit der Planung wurde Tag %1 darauf gesetzt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The index %1 lists it.</source>
        <translation>Der Index %1 führt es auf.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Its subject %1 stays.</source>
        <translation>Sein Subject %1 bleibt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The referrer %1 stays (pushed since the plan was made).</source>
        <translation>Der Referrer %1 bleibt (seit der Planung hochgeladen).</translation>
    </message>
    <message>
        <location filename="../core/retention/RetentionPlanner.cpp" line="+18"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../core/retention/RetentionRules.cpp" line="+28"/>
        <source>&quot;%1&quot; must be a whole number, 0 or more (it is %2).</source>
        <translation>„%1“ muss eine ganze Zahl von 0 oder mehr sein (sie ist %2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; must be 0 or more, not %2.</source>
        <translation>„%1“ muss 0 oder mehr sein, nicht %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; must be at most 100000, not %2.</source>
        <translation>„%1“ darf höchstens 100000 sein, nicht %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; must be a list of regular expressions, e.g. [&quot;latest&quot;, &quot;v[0-9]+&quot;].</source>
        <translation>„%1“ muss eine Liste regulärer Ausdrücke sein, z. B. [&quot;latest&quot;, &quot;v[0-9]+&quot;].</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every entry of &quot;%1&quot; must be a non-empty text.</source>
        <translation>Jeder Eintrag von „%1“ muss ein nicht leerer Text sein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; in &quot;%2&quot; is not a valid regular expression: %3 (at character %4). Fix the pattern; it must match the whole tag.</source>
        <translation>„%1“ in „%2“ ist kein gültiger regulärer Ausdruck: %3 (bei Zeichen %4). Korrigieren Sie das Muster; es muss auf den ganzen Tag passen.</translation>
    </message>
</context>
<context>
    <name>berth::AdministratorPasswordDialog</name>
    <message>
        <location filename="../app/console/dialogs/AdministratorPasswordDialog.cpp" line="+20"/>
        <source>Administrator created</source>
        <translation>Administrator angelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The registry was set up and its administrator created. Sign in with docker, podman, skopeo or helm as this user. The password is shown only now: copy it and keep it somewhere safe.</source>
        <translation>Die Registry wurde eingerichtet und ihr Administrator angelegt. Melden Sie sich mit docker, podman, skopeo oder helm als dieser Benutzer an. Das Passwort wird nur jetzt angezeigt: Kopieren Sie es und bewahren Sie es sicher auf.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy password</source>
        <translation>Passwort kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
</context>
<context>
    <name>berth::BreadcrumbBar</name>
    <message>
        <location filename="../app/console/views/BreadcrumbBar.cpp" line="+37"/>
        <source>Tenancy</source>
        <translation>Mandant</translation>
    </message>
</context>
<context>
    <name>berth::CompartmentCombo</name>
    <message>
        <location filename="../app/console/dialogs/CompartmentCombo.cpp" line="+10"/>
        <source>Tenancy</source>
        <translation>Mandant</translation>
    </message>
</context>
<context>
    <name>berth::CompartmentPage</name>
    <message>
        <location filename="../app/console/views/CompartmentPage.cpp" line="+20"/>
        <source>Filter repositories</source>
        <translation>Repositorys filtern</translation>
    </message>
</context>
<context>
    <name>berth::ExportDialog</name>
    <message>
        <location filename="../app/console/dialogs/ExportDialog.cpp" line="+20"/>
        <location line="+16"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Docker archive (docker load, podman load)</source>
        <translation>Docker-Archiv (docker load, podman load)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OCI archive (skopeo and podman oci-archive:)</source>
        <translation>OCI-Archiv (skopeo und podman oci-archive:)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export %1 to an archive file.</source>
        <translation>In eine Archivdatei exportieren: %1.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives (*.tar *.tar.gz);;All files (*)</source>
        <translation>Archive (*.tar *.tar.gz);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>berth::GcActions</name>
    <message>
        <location filename="../app/console/actions/GcActions.cpp" line="+16"/>
        <source>Collect &amp;garbage…</source>
        <translation>Speicher &amp;bereinigen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free the space of deleted images: see what would go, then run it as a job.</source>
        <translation>Den Platz gelöschter Images freigeben: erst sehen, was entfernt würde, dann als Job ausführen.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Garbage collection started; the jobs panel shows its progress.</source>
        <translation>Speicherbereinigung gestartet; die Job-Ansicht zeigt den Fortschritt.</translation>
    </message>
</context>
<context>
    <name>berth::GcDialog</name>
    <message>
        <location filename="../app/console/dialogs/GcDialog.cpp" line="+25"/>
        <location line="+18"/>
        <source>Collect garbage</source>
        <translation>Speicher bereinigen</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Garbage collection removes the blobs no image references any more, while the registry keeps serving. What was uploaded in the last hour stays (a push may be about to use it).</source>
        <translation>Die Speicherbereinigung entfernt die Blobs, auf die kein Image mehr verweist, während die Registry weiter bedient. Was in der letzten Stunde hochgeladen wurde, bleibt (ein Push braucht es vielleicht gleich).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Also delete &amp;untagged manifests (and the layers only they use)</source>
        <translation>Auch Manifeste &amp;ohne Tag löschen (und die Layer, die nur sie nutzen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>…and the &amp;referrers (signatures, SBOMs) of deleted manifests</source>
        <translation>…und die &amp;Referrer (Signaturen, SBOMs) gelöschter Manifeste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Working out what a run would remove…</source>
        <translation>Ermittle, was ein Lauf entfernen würde…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Blob</source>
        <translation>Blob</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to collect: every blob is in use or younger than an hour.</source>
        <translation>Nichts zu bereinigen: Jeder Blob wird verwendet oder ist jünger als eine Stunde.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run would remove %1 and %2, freeing %3.</source>
        <translation>Ein Lauf würde %1 und %2 entfernen und %3 freigeben.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n Blob</numerusform>
            <numerusform>%n Blobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n untagged manifest(s)</source>
        <translation>
            <numerusform>%n Manifest ohne Tag</numerusform>
            <numerusform>%n Manifeste ohne Tag</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot work out what a run would remove: %1</source>
        <translation>Kann nicht ermitteln, was ein Lauf entfernen würde: %1</translation>
    </message>
</context>
<context>
    <name>berth::ImagePage</name>
    <message>
        <location filename="../app/console/views/ImagePage.cpp" line="+37"/>
        <source>Multi-platform index</source>
        <translation>Multi-Plattform-Index</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Artifact</source>
        <translation>Artefakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <source>Helm chart</source>
        <translation>Helm-Chart</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Platforms</source>
        <translation>Plattformen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layers</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Referrers</source>
        <translation>Referrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App version:</source>
        <translation>App-Version:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart API version:</source>
        <translation>Chart-API-Version:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Media type: %1</source>
        <translation>Medientyp: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Artifact type: %1</source>
        <translation>Artefakttyp: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size: %1 (manifest %2)</source>
        <translation>Größe: %1 (Manifest %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pushed: %1</source>
        <translation>Gepusht: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last pulled: %1</source>
        <translation>Zuletzt gepullt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never pulled</source>
        <translation>Nie gepullt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refers to: %1</source>
        <translation>Verweist auf: %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entrypoint</source>
        <translation>Entrypoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exposed ports</source>
        <translation>Freigegebene Ports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no layer)</source>
        <translation>(kein Layer)</translation>
    </message>
</context>
<context>
    <name>berth::ImageTableModel</name>
    <message>
        <location filename="../app/console/models/TagRowCells.cpp" line="+16"/>
        <source>(untagged)</source>
        <translation>(ohne Tag)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../app/console/models/ImageTableModel.cpp" line="+343"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Platforms</source>
        <translation>Plattformen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pushed</source>
        <translation>Gepusht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last pulled</source>
        <translation>Zuletzt gepullt</translation>
    </message>
</context>
<context>
    <name>berth::ImmutabilityDialog</name>
    <message>
        <location filename="../app/console/dialogs/ImmutabilityDialog.cpp" line="+28"/>
        <source>Repository %1 no longer exists.</source>
        <translation>Das Repository %1 existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tag immutability of %1</source>
        <translation>Tag-Unveränderlichkeit von %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags are immutable: they cannot be moved to another image or deleted</source>
        <translation>Tags sind unveränderlich: Sie können weder auf ein anderes Image verschoben noch gelöscht werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags that stay mutable (regular expressions, one per line, matched against the whole tag, e.g. latest or dev-.*):</source>
        <translation>Tags, die veränderlich bleiben (reguläre Ausdrücke, einer pro Zeile, gegen den ganzen Tag geprüft, z. B. latest oder dev-.*):</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>berth::JobsModel</name>
    <message>
        <location filename="../app/console/models/JobsModel.cpp" line="+163"/>
        <source>Cancelling</source>
        <translation>Wird abgebrochen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
</context>
<context>
    <name>berth::JobsPanel</name>
    <message>
        <location filename="../app/console/views/JobsPanel.cpp" line="+15"/>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel job</source>
        <translation>Job abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear finished</source>
        <translation>Beendete entfernen</translation>
    </message>
</context>
<context>
    <name>berth::LayerTableModel</name>
    <message>
        <location filename="../app/console/models/DetailModels.cpp" line="+115"/>
        <source>%1 (config)</source>
        <translation>%1 (Konfiguration)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Media type</source>
        <translation>Medientyp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>berth::LicenceAcceptDialog</name>
    <message>
        <location filename="../app/console/dialogs/LicenceAcceptDialog.cpp" line="+15"/>
        <source>Licence of %1</source>
        <translation>Lizenz von %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pulling from %1 needs the licence &quot;%2&quot; (version %3), set on %4. Read it, then choose Continue to accept it.</source>
        <translation>Das Pullen aus %1 erfordert die Lizenz „%2“ (Version %3), festgelegt für %4. Lesen Sie sie und wählen Sie dann „Weiter“, um sie zu akzeptieren.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>berth::LicenceEditorDialog</name>
    <message>
        <location filename="../app/console/dialogs/LicenceEditorDialog.cpp" line="+28"/>
        <source>Licence of %1</source>
        <translation>Lizenz von %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. Example Software Licence</source>
        <translation>z. B. Beispiel-Softwarelizenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 1, 2.0 or 2026-11</source>
        <translation>z. B. 1, 2.0 oder 2026-11</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The licence text people read and accept</source>
        <translation>Der Lizenztext, den Benutzer lesen und akzeptieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Published versions (select one to load it into the form):</source>
        <translation>Veröffentlichte Versionen (wählen Sie eine aus, um sie in das Formular zu laden):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Published by</source>
        <translation>Veröffentlicht von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Publish</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove licence…</source>
        <translation>Lizenz &amp;entfernen…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the licence: %1</source>
        <translation>Die Lizenz konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pulls from %1 need the licence &quot;%2&quot;, version %3 (published by %4, %5). Publish a new version to have everybody accept it again.</source>
        <translation>Pulls aus %1 erfordern die Lizenz „%2“, Version %3 (veröffentlicht von %4, %5). Veröffentlichen Sie eine neue Version, damit alle sie erneut akzeptieren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has no licence of its own. Pulls from it need the licence &quot;%2&quot; (version %3) set on %4. Publish one here to replace it for %1.</source>
        <translation>%1 hat keine eigene Lizenz. Pulls daraus erfordern die Lizenz „%2“ (Version %3), festgelegt für %4. Veröffentlichen Sie hier eine, um sie für %1 zu ersetzen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 has no licence: whoever may pull from it pulls without accepting one.</source>
        <translation>%1 hat keine Lizenz: Wer daraus pullen darf, pullt, ohne eine zu akzeptieren.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Publishing…</source>
        <translation>Wird veröffentlicht…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not published: %1</source>
        <translation>Nicht veröffentlicht: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 of &quot;%2&quot; is in force: pulls need it accepted.</source>
        <translation>Version %1 von „%2“ ist in Kraft: Für Pulls muss sie akzeptiert sein.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove licence</source>
        <translation>Lizenz entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the licence &quot;%1&quot; from %2 with all its versions and acceptances? Pulls from it are no longer gated by it.</source>
        <translation>Die Lizenz „%1“ mit allen Versionen und Akzeptanzen von %2 entfernen? Pulls daraus hängen dann nicht mehr von ihr ab.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not removed: %1</source>
        <translation>Nicht entfernt: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The licence was removed.</source>
        <translation>Die Lizenz wurde entfernt.</translation>
    </message>
</context>
<context>
    <name>berth::LicenceQueries</name>
    <message>
        <location filename="../core/licensing/LicenceQueries.cpp" line="+67"/>
        <source>There is no repository %1; check the name (berthctl repos list shows them).</source>
        <translation>Es gibt kein Repository %1; prüfen Sie den Namen (berthctl repos list zeigt sie an).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no %1; check the path (names from the tenancy down, joined by &apos;:&apos;).</source>
        <translation>%1 gibt es nicht; prüfen Sie den Pfad (Namen vom Mandanten abwärts, verbunden durch „:“).</translation>
    </message>
</context>
<context>
    <name>berth::LicenceReportDialog</name>
    <message>
        <location filename="../app/console/dialogs/LicenceReportDialog.cpp" line="+43"/>
        <source>Licence acceptances</source>
        <translation>Lizenzakzeptanzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Licence:</source>
        <translation>Lizenz:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All licences</source>
        <translation>Alle Lizenzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any user</source>
        <translation>beliebiger Benutzer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Current versions only</source>
        <translation>Nur aktuelle Versionen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set on</source>
        <translation>Festgelegt für</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accepted</source>
        <translation>Akzeptiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Client address</source>
        <translation>Client-Adresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current version</source>
        <translation>Aktuelle Version</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;CSV…</source>
        <translation>Als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not read the licences: %1</source>
        <translation>Die Lizenzen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the acceptances: %1</source>
        <translation>Die Akzeptanzen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No, a newer version is in force</source>
        <translation>Nein, eine neuere Version ist in Kraft</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n acceptance(s)</source>
        <translation>
            <numerusform>%n Akzeptanz</numerusform>
            <numerusform>%n Akzeptanzen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+20"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export licence acceptances</source>
        <translation>Lizenzakzeptanzen exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Wrote %n acceptance(s) to %1</source>
        <translation>
            <numerusform>%n Akzeptanz in %1 geschrieben</numerusform>
            <numerusform>%n Akzeptanzen in %1 geschrieben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::LicenceStore</name>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="+74"/>
        <source>The version is empty: give the licence a version, such as 1 or 2026-11.</source>
        <translation>Die Version ist leer: Geben Sie der Lizenz eine Version, etwa 1 oder 2026-11.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The version is longer than %1 characters: shorten it.</source>
        <translation>Die Version ist länger als %1 Zeichen: Kürzen Sie sie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The version &quot;%1&quot; may only use letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;+&apos; and &apos;-&apos;: change it (for example 2 or 2026-11).</source>
        <translation>Die Version „%1“ darf nur Buchstaben, Ziffern, „.“, „_“, „+“ und „-“ enthalten: Ändern Sie sie (zum Beispiel in 2 oder 2026-11).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The title is empty: give the licence a title, such as &quot;Example Licence&quot;.</source>
        <translation>Der Titel ist leer: Geben Sie der Lizenz einen Titel, etwa „Beispiellizenz“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The title is %1 characters long: shorten it to at most %2.</source>
        <translation>Der Titel ist %1 Zeichen lang: Kürzen Sie ihn auf höchstens %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The title must be one line: remove its line breaks and control characters.</source>
        <translation>Der Titel muss einzeilig sein: Entfernen Sie Zeilenumbrüche und Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The format must be text or markdown: choose one of them.</source>
        <translation>Das Format muss text oder markdown sein: Wählen Sie eines davon.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The licence text is empty: give the text people must accept.</source>
        <translation>Der Lizenztext ist leer: Geben Sie den Text an, den Benutzer akzeptieren müssen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The licence text is %1 bytes long (UTF-8): at most %2 bytes (1 MiB) are accepted; shorten it or link to the full text.</source>
        <translation>Der Lizenztext ist %1 Bytes lang (UTF-8): Höchstens %2 Bytes (1 MiB) sind zulässig; kürzen Sie ihn oder verlinken Sie auf den vollständigen Text.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version %1 of the licence on %2 was published with a different %3, and a published version never changes: publish the new text as a new version.</source>
        <translation>Version %1 der Lizenz für %2 wurde mit abweichendem %3 veröffentlicht, und eine veröffentlichte Version ändert sich nie: Veröffentlichen Sie den neuen Text als neue Version.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The licence was stored but could not be read back.</source>
        <translation>Die Lizenz wurde gespeichert, konnte aber nicht wieder gelesen werden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 has no licence of its own: nothing to remove.</source>
        <translation>%1 hat keine eigene Lizenz: Es gibt nichts zu entfernen.</translation>
    </message>
    <message>
        <location line="+40"/>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="+111"/>
        <location line="+77"/>
        <source>There is no repository %1; check the name.</source>
        <translation>Es gibt kein Repository %1; prüfen Sie den Namen.</translation>
    </message>
    <message>
        <location line="+45"/>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="-11"/>
        <source>There is no licence %1; list the licences to find its id.</source>
        <translation>Es gibt keine Lizenz %1; lassen Sie sich die Lizenzen auflisten, um ihre ID zu finden.</translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="-82"/>
        <source>Only a signed-in user can accept a licence: sign in first.</source>
        <translation>Nur angemeldete Benutzer können eine Lizenz akzeptieren: Melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The version is empty: say which version of the licence you read and accept.</source>
        <translation>Die Version ist leer: Geben Sie an, welche Version der Lizenz Sie gelesen haben und akzeptieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel is longer than %1 characters: use portal, api, cli or console.</source>
        <translation>Der Kanal ist länger als %1 Zeichen: Verwenden Sie portal, api, cli oder console.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Repository %1 needs no licence: there is nothing to accept.</source>
        <translation>Repository %1 erfordert keine Lizenz: Es gibt nichts zu akzeptieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 of the licence &quot;%2&quot; is no longer in force for %3: version %4 is. Read version %4 and accept that.</source>
        <translation>Version %1 der Lizenz „%2“ ist für %3 nicht mehr in Kraft, sondern Version %4. Lesen Sie Version %4 und akzeptieren Sie diese.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The acceptance was stored but could not be read back.</source>
        <translation>Die Akzeptanz wurde gespeichert, konnte aber nicht wieder gelesen werden.</translation>
    </message>
</context>
<context>
    <name>berth::LimitsDialog</name>
    <message>
        <location filename="../app/console/dialogs/LimitsDialog.cpp" line="+38"/>
        <source>Images of %1</source>
        <translation>Images von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repositories</source>
        <translation>Repositorys</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Limits and requests</source>
        <translation>Limits und Anfragen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Repositories in the registry:</source>
        <translation>Repositorys in der Registry:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images per repository (each platform of a multi-arch image counts):</source>
        <translation>Images pro Repository (jede Plattform eines Multi-Arch-Images zählt):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply limits</source>
        <translation>Limits übernehmen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pending requests only</source>
        <translation>Nur offene Anfragen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Auf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asked by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A note for the requester (optional)</source>
        <translation>Eine Notiz für die anfragende Person (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The registry holds %1 of %2 repositories (%3%). Configured defaults: %4 repositories, %5 images per repository. Pushes warn from %6% of a limit.</source>
        <translation>Die Registry enthält %1 von %2 Repositorys (%3%). Konfigurierte Standardwerte: %4 Repositorys, %5 Images pro Repository. Pushes warnen ab %6% eines Limits.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The limits are changed.</source>
        <translation>Die Limits sind geändert.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Request %1 is approved: the limit is %2 now.</source>
        <translation>Anfrage %1 ist genehmigt: Das Limit beträgt jetzt %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request %1 is declined.</source>
        <translation>Anfrage %1 ist abgelehnt.</translation>
    </message>
</context>
<context>
    <name>berth::MainArea</name>
    <message>
        <location filename="../app/console/views/MainArea.cpp" line="+100"/>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot show this manifest: %1</source>
        <translation>Dieses Manifest kann nicht angezeigt werden: %1</translation>
    </message>
</context>
<context>
    <name>berth::MainWindow</name>
    <message>
        <location filename="../app/console/views/MainWindow.cpp" line="+39"/>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <location filename="../app/console/views/MainMenus.cpp" line="+32"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation>St&amp;oppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restart</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status and &amp;maintenance</source>
        <translation>Status und &amp;Wartung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Usage and cost…</source>
        <translation>Nutzung und &amp;Kosten…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Limits and requests…</source>
        <translation>&amp;Limits und Anfragen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Licence &amp;acceptances…</source>
        <translation>Lizenz&amp;akzeptanzen…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Compartment</source>
        <translation>&amp;Compartment</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Repository</source>
        <translation>&amp;Repository</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+3"/>
        <source>Retention &amp;policies…</source>
        <translation>Aufbewahrungs&amp;richtlinien…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tag &amp;immutability…</source>
        <translation>Tag-&amp;Unveränderlichkeit…</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+3"/>
        <source>&amp;Licence…</source>
        <translation>&amp;Lizenz…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Image</source>
        <translation>&amp;Image</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Berth</source>
        <translation>&amp;Über Berth</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Berth</source>
        <translation>Über Berth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;Berth %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A container registry you install like a desktop program.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Berth %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Eine Container-Registry, die Sie wie ein Desktop-Programm installieren.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <location filename="../app/console/views/MainWindow.cpp" line="+158"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stop the server</source>
        <translation>Server stoppen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n job(s) are still running. Stopping the server cancels them. Stop anyway?</source>
        <translation>
            <numerusform>%n Job läuft noch. Wenn Sie den Server stoppen, wird er abgebrochen. Trotzdem stoppen?</numerusform>
            <numerusform>%n Jobs laufen noch. Wenn Sie den Server stoppen, werden sie abgebrochen. Trotzdem stoppen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling jobs before the server stops…</source>
        <translation>Jobs werden abgebrochen, bevor der Server stoppt…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopping…</source>
        <translation>Wird gestoppt…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The new language is used from the next start of Berth.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Berth.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart the server</source>
        <translation>Server neu starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server uses the new settings after a restart. Restart it now?</source>
        <translation>Der Server verwendet die neuen Einstellungen nach einem Neustart. Jetzt neu starten?</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The registry is ready at %1.</source>
        <translation>Die Registry ist unter %1 bereit.</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+7"/>
        <source>Not serving</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The registry could not start: %1</source>
        <translation>Die Registry konnte nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>berth::ModelSupport</name>
    <message>
        <location filename="../app/console/models/ModelSupport.cpp" line="+45"/>
        <location line="+8"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Multi-arch index</source>
        <translation>Multi-Arch-Index</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Helm chart</source>
        <translation>Helm-Chart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Artifact</source>
        <translation>Artefakt</translation>
    </message>
</context>
<context>
    <name>berth::NameDialog</name>
    <message>
        <location filename="../app/console/dialogs/NameDialog.cpp" line="+29"/>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
</context>
<context>
    <name>berth::NavigationModel</name>
    <message>
        <location filename="../app/console/models/NavigationModel.cpp" line="+85"/>
        <source>Tenancy</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Repository %1 (public)</source>
        <translation>Repository %1 (öffentlich)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repository %1</source>
        <translation>Repository %1</translation>
    </message>
</context>
<context>
    <name>berth::Planning</name>
    <message>
        <location filename="../core/retention/RetentionPlanner.cpp" line="+129"/>
        <location line="+197"/>
        <source>Listed by the kept index %1.</source>
        <translation>Vom behaltenen Index %1 aufgeführt.</translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+196"/>
        <source>Refers to the kept image %1.</source>
        <translation>Verweist auf das behaltene Image %1.</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Tag %1 is immutable in this repository.</source>
        <translation>Tag %1 ist in diesem Repository unveränderlich.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tag %1 matches the keep pattern &quot;%2&quot; of policy %3.</source>
        <translation>Tag %1 passt auf das Behalten-Muster „%2“ der Richtlinie %3.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tag %1 was not set or moved for more than %2 days (last set %3).</source>
        <translation>Tag %1 wurde seit mehr als %2 Tagen nicht gesetzt oder verschoben (zuletzt gesetzt %3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not pulled or pushed for more than %1 days (last used %2).</source>
        <translation>Seit mehr als %1 Tagen weder abgerufen noch hochgeladen (zuletzt verwendet %2).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No delete rule selects tag %1.</source>
        <translation>Keine Löschregel wählt Tag %1 aus.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>One of the %1 most recently pushed tagged images (policy %2).</source>
        <translation>Eines der %1 zuletzt hochgeladenen getaggten Images (Richtlinie %2).</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Only the tag goes: tag %1 keeps the image.</source>
        <translation>Nur der Tag wird entfernt: Tag %1 behält das Image.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Untagged and pushed more than %1 days ago (%2).</source>
        <translation>Ohne Tag und vor mehr als %1 Tagen hochgeladen (%2).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Listed by the deleted index %1.</source>
        <translation>Vom gelöschten Index %1 aufgeführt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refers to the deleted image %1.</source>
        <translation>Verweist auf das gelöschte Image %1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No delete rule selects it.</source>
        <translation>Keine Löschregel wählt es aus.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Has %1 referrers (signatures, SBOMs...) and policy %2 keeps images with referrers.</source>
        <translation>Hat %1 Referrer (Signaturen, SBOMs...) und Richtlinie %2 behält Images mit Referrern.</translation>
    </message>
</context>
<context>
    <name>berth::PlatformTableModel</name>
    <message>
        <location filename="../app/console/models/DetailModels.cpp" line="-67"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Media type</source>
        <translation>Medientyp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>berth::PriceSheetDialog</name>
    <message>
        <location filename="../app/console/dialogs/PriceSheetDialog.cpp" line="+29"/>
        <source>Price sheet</source>
        <translation>Preisliste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ISO 4217 code: three capital letters such as USD, EUR or GBP.</source>
        <translation>Der Code nach ISO 4217: drei Großbuchstaben wie USD, EUR oder GBP.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Currency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Storage, per GB-month:</source>
        <translation>&amp;Speicher, pro GB-Monat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Egress, per GB:</source>
        <translation>&amp;Egress, pro GB:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free s&amp;torage each month (GB-months):</source>
        <translation>&amp;Freier Speicher pro Monat (GB-Monate):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free e&amp;gress each month (GB):</source>
        <translation>Freier E&amp;gress pro Monat (GB):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A GB is 10^9 bytes. The free allowances are for the whole registry and are shared out across compartments in proportion to their use.</source>
        <translation>Ein GB sind 10^9 Bytes. Die Freikontingente gelten für die ganze Registry und werden im Verhältnis zu ihrer Nutzung auf die Compartments verteilt.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The currency must be an ISO 4217 code: three capital letters such as USD, EUR or GBP.</source>
        <translation>Die Währung muss ein Code nach ISO 4217 sein: drei Großbuchstaben wie USD, EUR oder GBP.</translation>
    </message>
</context>
<context>
    <name>berth::ProgressDelegate</name>
    <message>
        <location filename="../app/console/views/ProgressDelegate.cpp" line="+24"/>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>berth::ReferrerTableModel</name>
    <message>
        <location filename="../app/console/models/DetailModels.cpp" line="+104"/>
        <source>Artifact type</source>
        <translation>Artefakttyp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Media type</source>
        <translation>Medientyp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>berth::RegistryActions</name>
    <message>
        <location filename="../app/console/actions/RegistryActions.cpp" line="+24"/>
        <source>New compartment…</source>
        <translation>Neues Compartment…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename compartment…</source>
        <translation>Compartment umbenennen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move compartment…</source>
        <translation>Compartment verschieben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+194"/>
        <source>Delete compartment</source>
        <translation>Compartment löschen</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Create repository…</source>
        <translation>Repository anlegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+220"/>
        <source>Delete repository</source>
        <translation>Repository löschen</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>Move repository…</source>
        <translation>Repository verschieben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+257"/>
        <source>Make public</source>
        <translation>Öffentlich machen</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>Make private</source>
        <translation>Privat machen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy pull command</source>
        <translation>Pull-Befehl kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+288"/>
        <source>Untag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message>
        <location line="-287"/>
        <location line="+301"/>
        <source>Delete image</source>
        <translation>Image löschen</translation>
    </message>
    <message>
        <location line="-300"/>
        <source>Export image…</source>
        <translation>Image exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export repository…</source>
        <translation>Repository exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pull into Docker/Podman…</source>
        <translation>In Docker/Podman pullen…</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Done: %1</source>
        <translation>Erledigt: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Failed: %1: %2</source>
        <translation>Fehlgeschlagen: %1: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Create compartment %1</source>
        <translation>Compartment %1 anlegen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Rename compartment %1 to %2</source>
        <translation>Compartment %1 in %2 umbenennen</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+13"/>
        <location line="+5"/>
        <source>Move compartment</source>
        <translation>Compartment verschieben</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Move compartment %1 with everything in it into:</source>
        <translation>Compartment %1 mit seinem gesamten Inhalt verschieben nach:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A compartment cannot move into itself or one of its children.</source>
        <translation>Ein Compartment kann nicht in sich selbst oder eines seiner Unter-Compartments verschoben werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move compartment %1 into %2? Policies attached above it may no longer apply.</source>
        <translation>Compartment %1 nach %2 verschieben? Richtlinien, die weiter oben angehängt sind, gelten dann möglicherweise nicht mehr.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move compartment %1</source>
        <translation>Compartment %1 verschieben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete compartment %1? Only an empty compartment can be deleted.</source>
        <translation>Compartment %1 löschen? Nur ein leeres Compartment kann gelöscht werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete compartment %1</source>
        <translation>Compartment %1 löschen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Create repository %1</source>
        <translation>Repository %1 anlegen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete repository %1 with all its images and tags? This cannot be undone.</source>
        <translation>Repository %1 mit allen Images und Tags löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete repository %1</source>
        <translation>Repository %1 löschen</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>Move repository</source>
        <translation>Repository verschieben</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Move repository %1 to the compartment:</source>
        <translation>Repository %1 in folgendes Compartment verschieben:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Move repository %1 to %2? Who may use it then follows that compartment&apos;s policies.</source>
        <translation>Repository %1 nach %2 verschieben? Wer es danach verwenden darf, bestimmen die Richtlinien dieses Compartments.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move repository %1</source>
        <translation>Repository %1 verschieben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Let anyone pull from %1 without signing in?</source>
        <translation>Jedem erlauben, ohne Anmeldung aus %1 zu pullen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make %1 public</source>
        <translation>%1 öffentlich machen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Make %1 private</source>
        <translation>%1 privat machen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copied: %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove the tag %1? The image stays, reachable by its digest.</source>
        <translation>Den Tag %1 entfernen? Das Image bleibt erhalten und ist über seinen Digest erreichbar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untag %1</source>
        <translation>Tag %1 entfernen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete the image %1 from %2 with every tag that points at it? This cannot be undone.</source>
        <translation>Das Image %1 mit allen Tags, die darauf zeigen, aus %2 löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete image %1</source>
        <translation>Image %1 löschen</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+17"/>
        <source>Exporting %1 to %2</source>
        <translation>%1 wird nach %2 exportiert</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>every tagged image of %1</source>
        <translation>jedes getaggte Image von %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Pulling %1 into Docker/Podman</source>
        <translation>%1 wird in Docker/Podman gepullt</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+21"/>
        <source>Licence of %1</source>
        <translation>Lizenz von %1</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Could not check the licence of %1: %2</source>
        <translation>Die Lizenz von %1 konnte nicht geprüft werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing done: the licence of %1 was not accepted</source>
        <translation>Nichts getan: Die Lizenz von %1 wurde nicht akzeptiert</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your acceptance was not recorded, so nothing was done: %1</source>
        <translation>Ihre Akzeptanz wurde nicht gespeichert, daher wurde nichts getan: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accepted the licence &quot;%1&quot; (version %2) for %3</source>
        <translation>Lizenz „%1“ (Version %2) für %3 akzeptiert</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>%n Datei wird importiert</numerusform>
            <numerusform>%n Dateien werden importiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::RegistryBrowser</name>
    <message>
        <location filename="../app/console/data/RegistryBrowser.cpp" line="+254"/>
        <source>There is no repository %1 any more: it may have been deleted.</source>
        <translation>Das Repository %1 gibt es nicht mehr: Es wurde möglicherweise gelöscht.</translation>
    </message>
</context>
<context>
    <name>berth::RegistryService</name>
    <message>
        <location filename="../core/registry/RegistryServiceRetention.cpp" line="+52"/>
        <source>tag %1</source>
        <translation>Tag %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+31"/>
        <source>The repository is gone.</source>
        <translation>Das Repository existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>The tag is gone already.</source>
        <translation>Der Tag existiert bereits nicht mehr.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tag is immutable.</source>
        <translation>Der Tag ist unveränderlich.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The tag was set again since the plan was made.</source>
        <translation>Der Tag wurde seit der Planung erneut gesetzt.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Its tag %1 is immutable.</source>
        <translation>Sein Tag %1 ist unveränderlich.</translation>
    </message>
</context>
<context>
    <name>berth::RepositoryTableModel</name>
    <message>
        <location filename="../app/console/models/RepositoryTableModel.cpp" line="+191"/>
        <source>Pulls need the licence &quot;%1&quot; (version %2) accepted</source>
        <translation>Für Pulls muss die Lizenz „%1“ (Version %2) akzeptiert sein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; it is set on %2.</source>
        <translation>%1; sie ist für %2 festgelegt.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Public</source>
        <translation>Öffentlich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last push</source>
        <translation>Letzter Push</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last pull</source>
        <translation>Letzter Pull</translation>
    </message>
</context>
<context>
    <name>berth::RetentionPoliciesDialog</name>
    <message>
        <location filename="../app/console/dialogs/RetentionPoliciesDialog.cpp" line="+23"/>
        <source>not pulled %1 d</source>
        <translation>nicht gepullt %1 T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not tagged %1 d</source>
        <translation>nicht getaggt %1 T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>untagged %1 d</source>
        <translation>ohne Tag %1 T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep newest %1</source>
        <translation>neueste %1 behalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep %1</source>
        <translation>%1 behalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only %1</source>
        <translation>nur %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Retention policies of %1</source>
        <translation>Aufbewahrungsrichtlinien von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Policies here and on the compartments above apply. Keep rules of any of them win; deleted images&apos; space comes back at the next garbage collection.</source>
        <translation>Es gelten die Richtlinien hier und die der übergeordneten Compartments. Behalten-Regeln jeder davon haben Vorrang; der Platz gelöschter Images wird bei der nächsten Speicherbereinigung frei.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview and apply…</source>
        <translation>&amp;Vorschau und anwenden…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No retention policy applies here yet.</source>
        <translation>Hier gilt noch keine Aufbewahrungsrichtlinie.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Delete retention policy</source>
        <translation>Aufbewahrungsrichtlinie löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete retention policy %1? Images it would delete stay.</source>
        <translation>Aufbewahrungsrichtlinie %1 löschen? Images, die sie löschen würde, bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Retention policy %1 is running as job %2; the jobs panel shows its progress.</source>
        <translation>Aufbewahrungsrichtlinie %1 läuft als Job %2; die Job-Ansicht zeigt den Fortschritt.</translation>
    </message>
</context>
<context>
    <name>berth::RetentionPolicyDialog</name>
    <message>
        <location filename="../app/console/dialogs/RetentionPolicyDialog.cpp" line="+39"/>
        <source>Edit retention policy %1</source>
        <translation>Aufbewahrungsrichtlinie %1 bearbeiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New retention policy</source>
        <translation>Neue Aufbewahrungsrichtlinie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. stale-builds</source>
        <translation>z. B. stale-builds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to:</source>
        <translation>Gilt für:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run it on the schedule</source>
        <translation>Nach Zeitplan ausführen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete images not pulled or pushed for</source>
        <translation>Images löschen, die nicht gepullt oder gepusht wurden seit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>days</source>
        <translation>Tagen</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Remove tags not set or moved for</source>
        <translation>Tags entfernen, die nicht gesetzt oder verschoben wurden seit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete untagged manifests older than</source>
        <translation>Manifeste ohne Tag löschen ab einem Alter von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Always keep the newest</source>
        <translation>Immer die neuesten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tagged images</source>
        <translation>getaggten Images behalten</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>One regular expression per line, matching the whole tag, e.g. latest</source>
        <translation>Ein regulärer Ausdruck pro Zeile, der auf den ganzen Tag passt, z. B. latest</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Always keep tags matching:</source>
        <translation>Tags immer behalten, die passen auf:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty: every tag</source>
        <translation>Leer: jeder Tag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only consider tags matching (not pulled, not tagged):</source>
        <translation>Nur Tags berücksichtigen, die passen auf (nicht gepullt, nicht getaggt):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete signatures and other referrers with their image</source>
        <translation>Signaturen und andere Referrer mit ihrem Image löschen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Give the policy a name.</source>
        <translation>Geben Sie der Richtlinie einen Namen.</translation>
    </message>
</context>
<context>
    <name>berth::RetentionPolicyStore</name>
    <message>
        <location filename="../core/retention/RetentionPolicyStore.cpp" line="+49"/>
        <source>&quot;%1&quot; is not a valid policy name: use 1-100 letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;.</source>
        <translation>„%1“ ist kein gültiger Richtlinienname: Verwenden Sie 1-100 Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos; und &apos;.&apos;.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The stored rules of retention policy %1 are not valid (%2); update the policy with valid rules.</source>
        <translation>Die gespeicherten Regeln der Aufbewahrungsrichtlinie %1 sind ungültig (%2); aktualisieren Sie die Richtlinie mit gültigen Regeln.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>There is no retention policy named &quot;%1&quot;; see the list of policies.</source>
        <translation>Es gibt keine Aufbewahrungsrichtlinie namens „%1“; siehe die Liste der Richtlinien.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no repository %1; a policy can only apply to an existing repository (or to a compartment).</source>
        <translation>Es gibt kein Repository %1; eine Richtlinie kann nur für ein vorhandenes Repository (oder ein Compartment) gelten.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no %1; create it first or choose another.</source>
        <translation>Es gibt kein %1; legen Sie es zuerst an oder wählen Sie ein anderes.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The description is too long: at most 400 characters.</source>
        <translation>Die Beschreibung ist zu lang: höchstens 400 Zeichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A retention policy needs at least one delete rule: %1, %2 or %3.</source>
        <translation>Eine Aufbewahrungsrichtlinie braucht mindestens eine Löschregel: %1, %2 oder %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A retention policy named &quot;%1&quot; exists already; choose another name.</source>
        <translation>Eine Aufbewahrungsrichtlinie namens „%1“ gibt es bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>There is no repository %1.</source>
        <translation>Es gibt kein Repository %1.</translation>
    </message>
</context>
<context>
    <name>berth::RetentionPreviewDialog</name>
    <message>
        <location filename="../app/console/dialogs/RetentionPreviewDialog.cpp" line="+39"/>
        <source>Retention policy %1: preview</source>
        <translation>Aufbewahrungsrichtlinie %1: Vorschau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Working out what the policy would delete…</source>
        <translation>Ermittle, was die Richtlinie löschen würde…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Apply now</source>
        <translation>Jetzt &amp;anwenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete what is listed, as a job. The space comes back at the next garbage collection.</source>
        <translation>Das Aufgeführte als Job löschen. Der Platz wird bei der nächsten Speicherbereinigung frei.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Deleted (%1)</source>
        <translation>Gelöscht (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags removed, image kept (%1)</source>
        <translation>Tags entfernt, Image behalten (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept (%1)</source>
        <translation>Behalten (%1)</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n image(s) would be deleted</source>
        <translation>
            <numerusform>%n Image würde gelöscht</numerusform>
            <numerusform>%n Images würden gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tag(s) removed alone</source>
        <translation>
            <numerusform>%n Tag allein entfernt</numerusform>
            <numerusform>%n Tags allein entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n image(s) kept.</source>
        <translation>
            <numerusform>%n Image behalten.</numerusform>
            <numerusform>%n Images behalten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 would come back at the next garbage collection.</source>
        <translation>%1 würden bei der nächsten Speicherbereinigung frei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each list shows its first %1 entries.</source>
        <translation>Jede Liste zeigt ihre ersten %1 Einträge.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The preview failed: %1</source>
        <translation>Die Vorschau ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>berth::RetentionRules</name>
    <message>
        <location filename="../core/retention/RetentionRules.cpp" line="+18"/>
        <source>&quot;%1&quot; is not a retention rule. Known rules: %2.</source>
        <translation>„%1“ ist keine Aufbewahrungsregel. Bekannte Regeln: %2.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&quot;%1&quot; must be true or false.</source>
        <translation>„%1“ muss true oder false sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A retention policy needs at least one delete rule: %1, %2 or %3.</source>
        <translation>Eine Aufbewahrungsrichtlinie braucht mindestens eine Löschregel: %1, %2 oder %3.</translation>
    </message>
</context>
<context>
    <name>berth::RetentionRunResult</name>
    <message numerus="yes">
        <location filename="../core/retention/RetentionRunner.cpp" line="+42"/>
        <source>Retention deleted %n image(s)</source>
        <translation>
            <numerusform>Aufbewahrung hat %n Image gelöscht</numerusform>
            <numerusform>Aufbewahrung hat %n Images gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>removed %n tag(s)</source>
        <translation>
            <numerusform>%n Tag entfernt</numerusform>
            <numerusform>%n Tags entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>kept %n image(s)</source>
        <translation>
            <numerusform>%n Image behalten</numerusform>
            <numerusform>%n Images behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>skipped %n step(s) that changed since planning</source>
        <translation>
            <numerusform>%n seit der Planung geänderten Schritt übersprungen</numerusform>
            <numerusform>%n seit der Planung geänderte Schritte übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About %1 come back at the next garbage collection.</source>
        <translation>Etwa %1 werden bei der nächsten Speicherbereinigung frei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled before the end.</source>
        <translation>Vor dem Ende abgebrochen.</translation>
    </message>
</context>
<context>
    <name>berth::RetentionRunner</name>
    <message>
        <location line="+43"/>
        <location line="+50"/>
        <source>Planning was cancelled.</source>
        <translation>Die Planung wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+50"/>
        <source>Planning %1</source>
        <translation>Plane %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Applying retention to %1</source>
        <translation>Wende Aufbewahrung auf %1 an</translation>
    </message>
</context>
<context>
    <name>berth::SearchBox</name>
    <message>
        <location filename="../app/console/views/SearchBox.cpp" line="+17"/>
        <source>Search repositories and tags</source>
        <translation>Repositorys und Tags durchsuchen</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Repository in %1</source>
        <translation>Repository in %1</translation>
    </message>
</context>
<context>
    <name>berth::ServerStatusPage</name>
    <message>
        <location filename="../app/console/views/ServerStatusPage.cpp" line="+27"/>
        <source>Start server</source>
        <translation>Server starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Garbage collection</source>
        <translation>Speicherbereinigung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collect garbage…</source>
        <translation>Speicher bereinigen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reclaimable now:</source>
        <translation>Jetzt freigebbar:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last run:</source>
        <translation>Letzter Lauf:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next run:</source>
        <translation>Nächster Lauf:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Starting the registry…</source>
        <translation>Die Registry wird gestartet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the registry&apos;s data and listening for clients.</source>
        <translation>Die Daten der Registry werden geöffnet und der Server wartet auf Clients.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The registry is not running</source>
        <translation>Die Registry läuft nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the server to browse and manage the registry.</source>
        <translation>Starten Sie den Server, um die Registry zu durchsuchen und zu verwalten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The registry could not start</source>
        <translation>Die Registry konnte nicht starten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The registry is running</source>
        <translation>Die Registry läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clients reach it at %1.</source>
        <translation>Clients erreichen sie unter %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+12"/>
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n Blob</numerusform>
            <numerusform>%n Blobs</numerusform>
        </translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started by a person</source>
        <translation>von Hand gestartet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed %1, freed %2</source>
        <translation>%1 entfernt, %2 freigegeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cancelled after it %1</source>
        <translation>abgebrochen (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2; %3</source>
        <translation>%1, %2; %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Running now (see the jobs panel)</source>
        <translation>Läuft gerade (siehe Job-Ansicht)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not scheduled</source>
        <translation>Nicht geplant</translation>
    </message>
</context>
<context>
    <name>berth::ServerWorker</name>
    <message>
        <location filename="../app/console/server/ServerWorker.cpp" line="+45"/>
        <source>&quot;%1&quot; is not an IP address to listen on. Enter one such as 127.0.0.1 in Settings.</source>
        <translation>„%1“ ist keine IP-Adresse, auf der gelauscht werden kann. Geben Sie in den Einstellungen eine Adresse wie 127.0.0.1 ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Plain HTTP is only served on loopback addresses such as 127.0.0.1. Turn on HTTPS in Settings to listen on %1.</source>
        <translation>Unverschlüsseltes HTTP gibt es nur auf Loopback-Adressen wie 127.0.0.1. Schalten Sie in den Einstellungen HTTPS ein, um auf %1 zu lauschen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot create the data folder %1. Choose another one in Settings.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden. Wählen Sie in den Einstellungen einen anderen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the registry data in %1: %2</source>
        <translation>Die Registry-Daten in %1 können nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot listen on %1:%2: %3. Another program may be using the port; choose another one in Settings.</source>
        <translation>Auf %1:%2 kann nicht gelauscht werden: %3. Vielleicht verwendet ein anderes Programm den Port; wählen Sie in den Einstellungen einen anderen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot serve HTTPS: Qt&apos;s TLS backend is not available (is OpenSSL 3 installed?).</source>
        <translation>HTTPS ist nicht möglich: Das TLS-Backend von Qt ist nicht verfügbar (ist OpenSSL 3 installiert?).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot set up HTTPS with a local CA: %1</source>
        <translation>HTTPS mit einer lokalen CA kann nicht eingerichtet werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HTTPS with your own certificate needs a certificate file and a key file. Choose both in Settings.</source>
        <translation>HTTPS mit einem eigenen Zertifikat braucht eine Zertifikatsdatei und eine Schlüsseldatei. Wählen Sie beide in den Einstellungen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot serve HTTPS: %1</source>
        <translation>HTTPS ist nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>berth::SettingsDialog</name>
    <message>
        <location filename="../app/console/dialogs/SettingsDialog.cpp" line="+22"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registry server</source>
        <translation>Registry-Server</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>127.0.0.1 serves this computer only; 0.0.0.0 serves the network (needs HTTPS).</source>
        <translation>127.0.0.1 bedient nur diesen Computer; 0.0.0.0 bedient das Netzwerk (erfordert HTTPS).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listen address:</source>
        <translation>Serveradresse:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Off (plain HTTP)</source>
        <translation>Aus (unverschlüsseltes HTTP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (a local certificate authority)</source>
        <translation>Automatisch (eine lokale Zertifizierungsstelle)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My certificate and key</source>
        <translation>Eigenes Zertifikat und eigener Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTPS:</source>
        <translation>HTTPS:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate (PEM):</source>
        <translation>Zertifikat (PEM):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Private key (PEM):</source>
        <translation>Privater Schlüssel (PEM):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the server when Berth starts</source>
        <translation>Server beim Start von Berth starten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow the system</source>
        <translation>Wie im System</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language (after a restart):</source>
        <translation>Sprache (nach einem Neustart):</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a PEM file</source>
        <translation>PEM-Datei wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>berth::StatusIndicators</name>
    <message>
        <location filename="../app/console/views/StatusIndicators.cpp" line="+19"/>
        <source>Not serving</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Serving on %1</source>
        <translation>Läuft unter %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS on</source>
        <translation>TLS an</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TLS off</source>
        <translation>TLS aus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clients must trust the local CA %1</source>
        <translation>Clients müssen der lokalen CA %1 vertrauen</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n client(s) connected</source>
        <translation>
            <numerusform>%n Client verbunden</numerusform>
            <numerusform>%n Clients verbunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n Job läuft</numerusform>
            <numerusform>%n Jobs laufen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::UsageDashboard</name>
    <message>
        <location filename="../app/console/views/UsageDashboard.cpp" line="+43"/>
        <source>Usage and cost</source>
        <translation>Nutzung und Kosten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+124"/>
        <source>Whole registry</source>
        <translation>Ganze Registry</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charts:</source>
        <translation>Diagramme:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for</source>
        <translation>für</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Price sheet…</source>
        <translation>&amp;Preisliste…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost report for</source>
        <translation>Kostenbericht für</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compartment</source>
        <translation>Compartment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Storage (GB-months)</source>
        <translation>Speicher (GB-Monate)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free storage</source>
        <translation>Freier Speicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage cost</source>
        <translation>Speicherkosten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Egress (GB)</source>
        <translation>Egress (GB)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free egress</source>
        <translation>Freier Egress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Egress cost</source>
        <translation>Egress-Kosten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Reading the usage figures…</source>
        <translation>Nutzungszahlen werden gelesen…</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Figures from %1 to %2 (UTC days). A GB is 10^9 bytes.</source>
        <translation>Zahlen vom %1 bis %2 (Tage in UTC). Ein GB sind 10^9 Bytes.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(so far, through %1; amounts in %2)</source>
        <translation>(bisher, bis einschließlich %1; Beträge in %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(amounts in %1)</source>
        <translation>(Beträge in %1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(deleted compartment %1)</source>
        <translation>(gelöschtes Compartment %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(tenancy)</source>
        <translation>(Mandant)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not read the usage figures: %1</source>
        <translation>Die Nutzungszahlen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no cost report to export yet; wait until it is shown.</source>
        <translation>Es gibt noch keinen Kostenbericht zum Exportieren; warten Sie, bis er angezeigt wird.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not write %1: %2. Choose a folder you may write to.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the cost report for %1 to %2.</source>
        <translation>Kostenbericht für %1 nach %2 gespeichert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export cost report</source>
        <translation>Kostenbericht exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+46"/>
        <source>berth is the desktop console and needs a display (X11 or Wayland). On a machine without one, run the same registry headless with berthd.</source>
        <translation>berth ist die Desktop-Konsole und braucht eine grafische Oberfläche (X11 oder Wayland). Auf einem Rechner ohne eine solche betreiben Sie dieselbe Registry ohne Oberfläche mit berthd.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Berth: a container registry you install like a desktop program. The console hosts the registry and lets you browse and manage it.</source>
        <translation>Berth: eine Container-Registry, die Sie wie ein Desktop-Programm installieren. Die Konsole stellt die Registry bereit und lässt Sie sie durchsuchen und verwalten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep the registry&apos;s data in &lt;folder&gt;.</source>
        <translation>Die Daten der Registry in &lt;Ordner&gt; ablegen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listen on &lt;address&gt; (for example 127.0.0.1).</source>
        <translation>Auf &lt;Adresse&gt; lauschen (zum Beispiel 127.0.0.1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listen on &lt;port&gt; (0 picks a free one).</source>
        <translation>Auf &lt;Port&gt; lauschen (0 wählt einen freien).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not start the registry server.</source>
        <translation>Den Registry-Server nicht starten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--port needs a number from 0 to 65535.</source>
        <translation>--port braucht eine Zahl von 0 bis 65535.</translation>
    </message>
</context>
</TS>
